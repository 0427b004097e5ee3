import 'reflect-metadata';
import { describeStartupFailure } from '@pacjent/platform';
import { createGatewayApp } from './app';
import { GatewayConfig } from './config';

async function main(): Promise<void> {
  const app = await createGatewayApp();
  const config = app.get(GatewayConfig);
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  process.stderr.write(`[gateway] cannot start: ${describeStartupFailure(error)}\n`);
  process.exit(1);
});
