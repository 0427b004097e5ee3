import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JetStreamManager, NatsConnection, StreamConfig, StreamInfo } from 'nats';

/** JetStream's error codes for "stream not found" and "replicas > 1 not supported in non-clustered mode". */
const STREAM_NOT_FOUND = 10059;
const REPLICAS_NEED_A_CLUSTER = 10074;
/**
 * How long a start keeps asking while the cluster cannot answer yet: a meta
 * leader being elected after a node's loss, peers not yet known after a start.
 */
const RETRY_FOR_MS = 15_000;

const logger = new Logger('JetStreamStreams');

/**
 * The connection's JetStream manager without nats.js's account-info request: that request has no retry,
 * and right after a cluster starts or loses a node it can time out (seen in nats-cluster.int-spec on a
 * loaded machine), failing a process's start. What a starting process asks next (`ensureStream`) asks
 * again for up to 15 s, and fails the start only if JetStream never answers.
 */
export function streamManagerOf(connection: NatsConnection): Promise<JetStreamManager> {
  return connection.jetstreamManager({ checkAPI: false });
}

const errorCodeOf = (error: unknown) => (error as { api_error?: { err_code?: number } }).api_error?.err_code;

/**
 * Makes sure a stream exists with `replicas` copies (JETSTREAM_REPLICAS).
 *
 * - Missing: it is created; if that fails and no other replica created it
 *   meanwhile, it asks again for up to 15 s (a cluster electing a leader),
 *   then throws: the process does not start without the stream it writes or
 *   reads. JETSTREAM_REPLICAS above 1 on a single server throws at once.
 * - Present with another replica count: it is updated (R1 → R3 once the
 *   cluster exists; JetStream copies the messages over). An update left
 *   unanswered is asked again for up to 15 s, from the stream's info. If the
 *   update is refused (more replicas than servers, no quorum) or never
 *   answered, the stream keeps working with what it has and the mismatch is
 *   logged: a process restarted while the cluster is degraded must still
 *   start. On a single server nothing is updated (it would record 3 and keep
 *   1 copy); that is logged too.
 */
export async function ensureStream(
  manager: JetStreamManager,
  wanted: Partial<StreamConfig> & Pick<StreamConfig, 'name' | 'subjects'>,
  replicas: number,
  retryForMs = RETRY_FOR_MS,
): Promise<void> {
  const deadline = Date.now() + retryForMs;
  for (;;) {
    try {
      return await ensureStreamOnce(manager, wanted, replicas, deadline);
    } catch (error) {
      if (errorCodeOf(error) === REPLICAS_NEED_A_CLUSTER || Date.now() > deadline) throw error;
      logger.warn({ err: error }, `stream ${wanted.name}: JetStream cannot answer yet; asking again`);
      await sleep(500);
    }
  }
}

async function ensureStreamOnce(
  manager: JetStreamManager,
  wanted: Partial<StreamConfig> & Pick<StreamConfig, 'name' | 'subjects'>,
  replicas: number,
  deadline: number,
): Promise<void> {
  let info: StreamInfo;
  try {
    info = await manager.streams.info(wanted.name);
  } catch (error) {
    if (errorCodeOf(error) !== STREAM_NOT_FOUND) throw error;
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
  if (!info.cluster) {
    // A single server accepts the new count and still keeps one copy: say so instead of pretending.
    logger.warn(
      `stream ${wanted.name} keeps ${current} replica(s): NATS is a single server, ` +
        `JETSTREAM_REPLICAS=${replicas} needs a cluster of at least ${replicas} servers`,
    );
    return;
  }
  try {
    await manager.streams.update(wanted.name, { ...info.config, num_replicas: replicas });
    logger.log(`stream ${wanted.name}: replicas ${current} → ${replicas} (JETSTREAM_REPLICAS)`);
  } catch (error) {
    // No answer in time is not a refusal: with a node down JetStream can take longer than a request's
    // timeout and may still apply the change (seen in jetstream-replicas.int-spec). Ask again from the
    // stream's info while the start may still wait.
    if (errorCodeOf(error) === undefined && Date.now() < deadline) throw error;
    logger.warn(
      { err: error },
      `stream ${wanted.name} keeps ${current} replica(s): JETSTREAM_REPLICAS=${replicas} was refused ` +
        `(more replicas than running JetStream servers, or a single server); events still flow, ` +
        `the process retries at its next start`,
    );
  }
}
