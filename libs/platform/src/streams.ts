import { Logger } from '@nestjs/common';
import type { JetStreamManager, StreamConfig, StreamInfo } from 'nats';

/** JetStream's error code for "stream not found" (the API answers 404 with it). */
const STREAM_NOT_FOUND = 10059;

const logger = new Logger('JetStreamStreams');

function isStreamNotFound(error: unknown): boolean {
  const api = (error as { api_error?: { err_code?: number } }).api_error;
  return api?.err_code === STREAM_NOT_FOUND;
}

/**
 * Makes sure a stream exists with `replicas` copies (JETSTREAM_REPLICAS).
 *
 * - Missing: it is created; if that fails and no other replica created it
 *   meanwhile, the error is thrown (the process does not start without the
 *   stream it writes or reads: say JETSTREAM_REPLICAS=3 on a single server).
 * - Present with another replica count: it is updated (R1 → R3 once the
 *   cluster exists). If the update is refused the stream keeps working with
 *   what it has and the mismatch is logged: a process restarted while a node
 *   of the cluster is down must still start.
 */
export async function ensureStream(
  manager: JetStreamManager,
  wanted: Partial<StreamConfig> & Pick<StreamConfig, 'name' | 'subjects'>,
  replicas: number,
): Promise<void> {
  let info: StreamInfo;
  try {
    info = await manager.streams.info(wanted.name);
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    try {
      await manager.streams.add({ ...wanted, num_replicas: replicas });
      logger.log(`stream ${wanted.name} created with ${replicas} replica(s)`);
      return;
    } catch (addError) {
      // Another replica (or a consumer) may have created it meanwhile; if not, this one's error stands.
      info = await manager.streams.info(wanted.name).catch(() => {
        throw addError;
      });
    }
  }
  const current = info.config.num_replicas;
  if (current === replicas) return;
  try {
    await manager.streams.update(wanted.name, { ...info.config, num_replicas: replicas });
    logger.log(`stream ${wanted.name}: replicas ${current} → ${replicas} (JETSTREAM_REPLICAS)`);
  } catch (error) {
    logger.warn(
      { err: error },
      `stream ${wanted.name} keeps ${current} replica(s): JETSTREAM_REPLICAS=${replicas} was refused ` +
        `(more replicas than running JetStream servers, or a single server); events still flow, ` +
        `the process retries at its next start`,
    );
  }
}
