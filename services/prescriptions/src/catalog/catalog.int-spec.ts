import { ErrorCode, Subjects, type MedicineView } from '@pacjent/contracts';
import { loadCatalog } from './catalog-data';
import { CatalogService } from './catalog.service';
import {
  fullPatient,
  newDoctor,
  startPrescriptions,
  type PrescriptionsTestKit,
} from '../testing/prescriptions-test-kit';

const { searchMedicines } = Subjects.prescriptions;

describe('medicines catalog', () => {
  let kit: PrescriptionsTestKit;
  const doctor = newDoctor();
  const search = (q: string, limit?: number) =>
    kit.request<MedicineView[]>(searchMedicines, doctor, { q, ...(limit ? { limit } : {}) });

  beforeAll(async () => {
    kit = await startPrescriptions();
  });
  afterAll(() => kit.close());

  it('is seeded on start with at least 300 products, and seeding again writes nothing', async () => {
    const [{ count }] = await kit.dataSource.query(`SELECT count(*)::int AS count FROM "prescriptions"."medicines"`);
    expect(count).toBe(loadCatalog().length);
    expect(count).toBeGreaterThanOrEqual(300);
    const ids = await kit.dataSource.query(`SELECT id FROM "prescriptions"."medicines" ORDER BY id`);
    await kit.service.get(CatalogService).seed();
    expect(await kit.dataSource.query(`SELECT id FROM "prescriptions"."medicines" ORDER BY id`)).toEqual(ids);
  });

  it('finds a trade name by its beginning: "amoks" finds Amoksiklav, names before substances', async () => {
    const found = await search('amoks');
    expect(found.map((m) => m.name)).toContain('Amoksiklav');
    expect(found[0]!.name).toBe('Amoksiklav');
    const amoksiklav = found.find((m) => m.name === 'Amoksiklav' && m.strength === '875 mg + 125 mg')!;
    expect(amoksiklav).toMatchObject({
      substance: 'amoksycylina + kwas klawulanowy',
      atcCode: 'J01CR02',
      antibiotic: true,
      controlled: false,
      prescriptionOnly: true,
      packSize: 14,
    });
  });

  it('finds by active substance or strength, case and Polish diacritics folded both ways', async () => {
    const ibuprofen = await search('IBUPROFEN', 50);
    expect(ibuprofen.length).toBeGreaterThan(5);
    expect(ibuprofen.every((m) => m.substance === 'ibuprofen')).toBe(true);
    expect(ibuprofen.map((m) => m.name)).toEqual(expect.arrayContaining(['Ibuprom', 'Nurofen Forte']));

    // "węglan" typed without the ogonek; "miłorząb" with or without its diacritics; a strength narrows it.
    expect((await search('weglan wapnia')).map((m) => m.name)).toContain('Calperos');
    expect((await search('MIŁORZĄB')).map((m) => m.name)).toEqual(['Bilobil']);
    expect((await search('milorzab')).map((m) => m.name)).toEqual(['Bilobil']);
    const euthyrox = await search('euthyrox 100');
    expect(euthyrox.length).toBeGreaterThan(0);
    expect(euthyrox.every((m) => m.name === 'Euthyrox N' && m.strength === '100 µg')).toBe(true);
  });

  it('marks antibiotics by ATC J01 and controlled substances', async () => {
    expect((await search('Xanax')).every((m) => m.controlled && !m.antibiotic)).toBe(true);
    expect((await search('Bisocard')).every((m) => !m.controlled && !m.antibiotic)).toBe(true);
    expect((await search('Sumamed')).every((m) => m.antibiotic)).toBe(true);
  });

  it('treats % and _ in a query as text, and limits the answer', async () => {
    expect(await search('%%')).toEqual([]);
    expect(await search('a_')).toEqual([]);
    expect(await search('a', 7).catch((e: { code: string }) => e.code)).toBe(ErrorCode.VALIDATION_FAILED);
    expect(await search('ta', 7)).toHaveLength(7);
  });

  it('is served by the trigram index, not a scan', async () => {
    const plan: Array<{ 'QUERY PLAN': string }> = await kit.dataSource.transaction(async (tx) => {
      await tx.query('SET LOCAL enable_seqscan = off');
      return tx.query(
        `EXPLAIN SELECT id FROM "prescriptions"."medicines" m
          WHERE "prescriptions"."fold_text"(m.name || ' ' || m.substance || ' ' || m.strength) LIKE '%' || "prescriptions"."fold_text"('amoks') || '%'`,
      );
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('IDX_medicines_search');
  });

  it('answers doctors only, and validates the query', async () => {
    await expect(kit.failure(searchMedicines, fullPatient(), { q: 'amoks' })).resolves.toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    await expect(kit.failure(searchMedicines, null, { q: 'amoks' })).resolves.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
    });
    for (const q of ['amo\u0000ks', 'amo\nks', 'x'.repeat(61)]) {
      await expect(kit.failure(searchMedicines, doctor, { q })).resolves.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
      });
    }
  });
});
