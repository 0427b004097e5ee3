// Preloaded by booking.mjs when PROFILE_DIR is set: SIGUSR2 exits normally, so
// `node --cpu-prof` writes its profile (a re-raised SIGTERM would not).
import process from 'node:process';

process.on('SIGUSR2', () => process.exit(0));
