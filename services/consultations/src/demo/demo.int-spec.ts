import type { INestMicroservice } from '@nestjs/common';
import { Subjects, type ParameterSeries, type ResultsPage } from '@pacjent/contracts';
import type { BusClient } from '@pacjent/platform';
import { createTestDatabase, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { DataSource } from 'typeorm';
import { ConsultationsDefinition } from '../app';
import { DEMO_PATIENT_ID, DEMO_REPORTS } from './demo-results';
import { DemoSeeder } from './demo.seeder';

const demoPatient = { id: DEMO_PATIENT_ID, roles: ['patient' as const], level: 'full' as const };

describe('demo results (SEED_DEMO_DATA=true)', () => {
  let database: TestDatabase;
  let replicas: INestMicroservice[];
  let bus: BusClient;

  beforeAll(async () => {
    process.env.SEED_DEMO_DATA = 'true';
    database = await createTestDatabase();
    // Two replicas starting together, as `npm start` with two copies would.
    replicas = await Promise.all([
      startTestService(ConsultationsDefinition),
      startTestService(ConsultationsDefinition),
    ]);
    bus = await testBusClient();
  });
  afterAll(async () => {
    delete process.env.SEED_DEMO_DATA;
    await bus.onApplicationShutdown();
    await Promise.all(replicas.map((replica) => replica.close()));
    await database.drop();
  });

  it('gives the demo patient three years of results once, however many replicas start', async () => {
    const page = await bus.request<ResultsPage>(Subjects.consultations.listResults, {
      actor: demoPatient,
      data: { pageSize: 50 },
    });
    expect(page.total).toBe(DEMO_REPORTS.length);
    const dates = page.items.map((item) => new Date(item.effectiveAt).getTime());
    const years = (Math.max(...dates) - Math.min(...dates)) / (365 * 24 * 3600_000);
    expect(years).toBeGreaterThan(2.5);
    const flags = page.items.flatMap((item) => item.observations.map((o) => o.flag));
    expect(flags).toEqual(expect.arrayContaining(['high', 'low', 'normal']));

    await expect(replicas[0]!.get(DemoSeeder).seed()).resolves.toBe(0);
    const [row] = (await replicas[0]!
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM "consultations"."lab_reports"`)) as [{ n: number }];
    expect(row.n).toBe(DEMO_REPORTS.length);
  });

  it('has a cholesterol series of six points for the chart, some above the range', async () => {
    const series = await bus.request<ParameterSeries>(Subjects.consultations.parameterSeries, {
      actor: demoPatient,
      data: { loincCode: '2093-3' },
    });
    expect(series.points).toHaveLength(6);
    expect(series.points.filter((point) => point.flag === 'high').length).toBeGreaterThan(0);
    expect(series.points.at(-1)!.flag).toBe('normal');
  });
});
