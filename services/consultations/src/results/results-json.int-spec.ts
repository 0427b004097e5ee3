import { RESULTS_PAGE_SIZE, Subjects, type ResultsPage } from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { DAY, startConsultations, type ConsultationsTestKit } from '../testing/record-factory';
import type { ObservationInput } from './lab-bundle';
import { toResultView } from './results.mapper';
import { ResultsRepository } from './results.repository';

/**
 * The results page PostgreSQL renders (what the portal gets) must be exactly
 * what the mapper builds from the entities: every value, range, flag, order.
 */
describe('the results page rendered by PostgreSQL', () => {
  let kit: ConsultationsTestKit;

  beforeAll(async () => {
    kit = await startConsultations();
  });
  afterAll(() => kit?.close());

  it('equals the mapped reports, page by page, with decimals, open ranges and flags', async () => {
    const patient = newActor({ level: 'full' });
    const repository = kit.service.get(ResultsRepository);
    const now = kit.clock.now().getTime();
    const value = (overrides: Partial<ObservationInput>, days: number): ObservationInput => ({
      code: '2093-3',
      name: 'Cholesterol "całkowity"',
      value: 190,
      unit: 'mg/dL',
      referenceLow: null,
      referenceHigh: 200,
      flag: 'normal',
      effectiveAt: new Date(now - days * DAY),
      ...overrides,
    });
    const store = (days: number, observations: ObservationInput[], documentId: string | null = null, of = patient.id) =>
      repository.store(
        of,
        randomUUID(),
        {
          pesel: '44051401359',
          sourceKey: `id:${randomUUID()}`,
          code: days % 2 === 0 ? '57698-3' : null,
          name: `Lipidogram\n${days}`,
          status: 'final',
          laboratory: days % 2 === 0 ? 'Laboratorium Centralne' : null,
          effectiveAt: new Date(now - days * DAY),
          issuedAt: new Date(now - days * DAY + 3_600_123),
          observations,
        },
        new Date(now),
        documentId,
      );
    await store(30, [
      value({ value: 0.95, referenceLow: 0.6, referenceHigh: 1.2 }, 30),
      value({ value: 5.2, flag: 'high', referenceLow: 1.25, referenceHigh: 5 }, 30),
      value({ value: 12, flag: 'low', referenceLow: 12.5, referenceHigh: null }, 30),
      value({ value: 3.1415, flag: null, referenceLow: null, referenceHigh: null }, 30),
    ]);
    await store(10, [value({}, 10)], randomUUID());
    await store(20, []);
    await store(5, [value({}, 5)], null, randomUUID());

    const mapped = async (ids: string[]) =>
      Promise.all(ids.map(async (id) => toResultView((await repository.findOwn(patient.id, id))!)));
    for (const [page, pageSize] of [
      [1, 20],
      [1, 2],
      [2, 2],
      [3, 2],
    ] as const) {
      const rendered = JSON.parse(await repository.pageJson(patient.id, page, pageSize)) as ResultsPage;
      expect(rendered).toMatchObject({ page, pageSize, total: 3 });
      expect(rendered.items).toEqual(await mapped(rendered.items.map((item) => item.id)));
    }
    const all = JSON.parse(await repository.pageJson(patient.id, 1, 20)) as ResultsPage;
    expect(all.items.map((item) => item.name)).toEqual(['Lipidogram\n10', 'Lipidogram\n20', 'Lipidogram\n30']);
    expect(all.items[2]!.observations.map((o) => o.value)).toEqual([0.95, 5.2, 12, 3.1415]);
    expect(all.items[2]!.abnormal).toBe(2);
    expect(all.items[0]!.hasPdf).toBe(true);
    expect(all.items[1]!.observations).toEqual([]);

    const overBus = await kit.request<ResultsPage>(Subjects.consultations.listResults, patient, { pageSize: 2 });
    expect(overBus).toEqual({ ...all, items: all.items.slice(0, 2), pageSize: 2 });
    // Without a page size: the portal's first page.
    const byDefault = await kit.request<ResultsPage>(Subjects.consultations.listResults, patient, {});
    expect(byDefault).toEqual({ ...all, pageSize: RESULTS_PAGE_SIZE });
    expect(RESULTS_PAGE_SIZE).toBe(10);
  });
});
