import { Logger } from '@nestjs/common';
import type { JetStreamManager, StreamConfig, StreamInfo } from 'nats';
import { ensureStream } from './streams';

/**
 * ensureStream's decisions on JetStream's answers to a scale-up, with the
 * manager's answers scripted: the real servers' side (and why an update can
 * go unanswered with a node down) is in jetstream-replicas.int-spec.
 */
describe('ensureStream scaling an existing stream', () => {
  const wanted = { name: 'EVENTS', subjects: ['events.>'] };
  /** How JetStream answers one update: applied or not, answered or not (a timeout), or refused. */
  type Outcome = 'applied' | 'unanswered, applied' | 'unanswered, lost' | 'refused';
  const timeout = () => Object.assign(new Error('TIMEOUT'), { code: 'TIMEOUT' });
  const refusal = () =>
    Object.assign(new Error('insufficient resources'), {
      api_error: { code: 503, err_code: 10023, description: 'insufficient resources' },
    });

  /** A cluster's stream at `replicas`, whose updates go as `outcomes` say in turn. */
  function managerOf(replicas: number, outcomes: Outcome[]) {
    let current = replicas;
    const info = jest.fn(
      async (): Promise<StreamInfo> =>
        ({ config: { ...wanted, num_replicas: current }, cluster: { name: 'c' } }) as unknown as StreamInfo,
    );
    const update = jest.fn(async (_name: string, config: Partial<StreamConfig>) => {
      const outcome = outcomes.shift() ?? 'applied';
      if (outcome === 'refused') throw refusal();
      if (outcome !== 'unanswered, lost') current = config.num_replicas!;
      if (outcome !== 'applied') throw timeout();
      return info();
    });
    return { manager: { streams: { info, update } } as unknown as JetStreamManager, info, update };
  }

  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  const keptWarnings = () => warn.mock.calls.filter(([, message]) => /keeps \d replica/.test(String(message)));

  it('asks again when the update goes unanswered, and finds it applied: no mismatch is logged', async () => {
    const { manager, update, info } = managerOf(1, ['unanswered, applied']);
    await ensureStream(manager, wanted, 3, 5_000);
    expect(update).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledTimes(2);
    expect(keptWarnings()).toEqual([]);
  });

  it('updates again when the unanswered update was not applied', async () => {
    const { manager, update } = managerOf(1, ['unanswered, lost']);
    await ensureStream(manager, wanted, 3, 5_000);
    expect(update).toHaveBeenCalledTimes(2);
    expect(keptWarnings()).toEqual([]);
  });

  it('keeps the stream and logs once when JetStream refuses: a refusal is not asked again', async () => {
    const { manager, update } = managerOf(1, ['refused']);
    await ensureStream(manager, wanted, 3, 5_000);
    expect(update).toHaveBeenCalledTimes(1);
    expect(keptWarnings()).toHaveLength(1);
    expect(keptWarnings()[0][1]).toMatch(/EVENTS keeps 1 replica\(s\): JETSTREAM_REPLICAS=3 was refused/);
  });

  it('keeps the stream and logs when updates stay unanswered past the deadline: the start goes on', async () => {
    const { manager, update } = managerOf(1, ['unanswered, lost', 'unanswered, lost', 'unanswered, lost']);
    await expect(ensureStream(manager, wanted, 3, 700)).resolves.toBeUndefined();
    expect(update.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(keptWarnings()).toHaveLength(1);
  });
});
