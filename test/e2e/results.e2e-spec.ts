import { ErrorCode, MAX_LAB_BUNDLE_BYTES, type ResultsPage } from '@pacjent/contracts';
import { randomUUID } from 'node:crypto';
import { FhirValidator } from '../../services/consultations/src/fhir/fhir-validator';
import * as accounts from '../support/accounts';
import { type ApiClient, newPatient } from '../support/http';
import { labBundle, LIPIDS } from '../support/lab-bundles';
import { startStack, type Stack } from '../support/stack';

const DEMO_PESEL = '85041203465';

describe('laboratory results through the gateway', () => {
  let stack: Stack;
  let lab: ApiClient;
  let demoPatient: ApiClient;

  const logIn = (email: string, password: string) => accounts.signIn(stack, email, password);
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    accounts.sql<T>(stack, text, params);
  const fullPatient = async (): Promise<ApiClient> => (await accounts.fullPatient(stack)).client;

  const post = (client: ApiClient, body: unknown, contentType = 'application/fhir+json') =>
    client.call('POST', '/api/lab/results', {
      body,
      headers: { 'content-type': contentType },
    });

  beforeAll(async () => {
    stack = await startStack();
    lab = await logIn('lab@demo.test', 'Lab#Demo2026');
    demoPatient = await logIn('patient@demo.test', 'Patient#Demo2026');
  });
  afterAll(() => stack?.close());

  it('stores a lab bundle for the patient named by PESEL; the patient sees every value, unit, range and flag', async () => {
    const effective = new Date(Date.now() + 60_000).toISOString();
    const posted = await post(lab, labBundle({ pesel: DEMO_PESEL, effective }));
    expect(posted.status).toBe(201);
    expect(posted.body).toEqual({ id: expect.any(String), created: true, observations: 3 });

    const list = await demoPatient.get<ResultsPage>('/api/results?pageSize=5');
    expect(list.status).toBe(200);
    const newest = list.body.items[0]!;
    expect(newest).toMatchObject({
      id: posted.body.id,
      code: '57698-3',
      name: 'Lipidogram',
      status: 'final',
      laboratory: 'Laboratorium Centralne',
      effectiveAt: effective,
      abnormal: 2,
    });
    expect(newest.observations).toEqual([
      expect.objectContaining({
        code: '2093-3',
        name: 'Cholesterol całkowity',
        value: 232,
        unit: 'mg/dL',
        referenceLow: null,
        referenceHigh: 190,
        flag: 'high',
      }),
      expect.objectContaining({ code: '2085-9', value: 38, referenceLow: 40, flag: 'low' }),
      expect.objectContaining({ code: '2571-8', value: 120, referenceHigh: 150, flag: 'normal' }),
    ]);

    const one = await demoPatient.get(`/api/results/${posted.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(newest);
  });

  it('accepts application/json too, and stores the same report once: a repeat answers 200 with the stored id', async () => {
    const bundle = labBundle({ pesel: DEMO_PESEL, reportNumber: `LAB-${randomUUID()}` });
    const first = await post(lab, bundle, 'application/json');
    expect(first.status).toBe(201);
    const again = await post(lab, bundle);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ id: first.body.id, created: false, observations: 3 });
    const stored = await sql(`SELECT count(*)::int AS n FROM "consultations"."lab_observations" WHERE report_id = $1`, [
      first.body.id,
    ]);
    expect(stored).toEqual([{ n: 3 }]);
  });

  it('stores a report posted several times at once exactly once', async () => {
    const bundle = labBundle({ pesel: DEMO_PESEL, reportNumber: `RACE-${randomUUID()}` });
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(lab, bundle)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const reports = await sql(`SELECT count(*)::int AS n FROM "consultations"."lab_reports" WHERE id = $1`, [
      answers[0]!.body.id,
    ]);
    expect(reports).toEqual([{ n: 1 }]);
  });

  it("answers an invalid bundle with 400 and the FHIR validator's messages, without echoing the input", async () => {
    const bundle = labBundle({ pesel: DEMO_PESEL });
    bundle.entry[2].resource.valueQuantity.value = 'wysoki';
    delete bundle.entry[1].resource.status;
    bundle.entry[1].resource['x'.repeat(5000)] = true;
    const answer = await post(lab, bundle);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(answer.body.code).toBe(ErrorCode.VALIDATION_FAILED);
    const fields = (answer.body.errors as Array<{ field: string; messages: string[] }>).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'Bundle.entry[1].resource.status',
        expect.stringMatching(/^Bundle\.entry\[2\]\.resource\.value/),
      ]),
    );
    expect(JSON.stringify(answer.body).length).toBeLessThan(3000);

    const notBundle = await post(lab, { resourceType: 'Observation', status: 'final', code: { text: 'x' } });
    expect(notBundle.status).toBe(400);
    const noPesel = labBundle({ pesel: DEMO_PESEL });
    noPesel.entry[0].resource.identifier = [];
    expect((await post(lab, noPesel)).body).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [expect.objectContaining({ field: 'DiagnosticReport.subject' })],
    });
  });

  it('refuses control characters and over-long names in what the patient will read', async () => {
    const control = labBundle({ pesel: DEMO_PESEL });
    control.entry[2].resource.code.text = 'Cholesterol\u0000';
    const refused = await post(lab, control);
    expect(refused.status).toBe(400);
    // The gateway's one check of every string refuses it before the FHIR validator runs.
    expect(refused.body.errors).toEqual([
      { field: 'entry.2.resource.code.text', messages: ['must not contain control characters'] },
    ]);

    const long = labBundle({ pesel: DEMO_PESEL });
    long.entry[3].resource.code.text = 'x'.repeat(201);
    long.entry[4].resource.valueQuantity.unit = 'u'.repeat(41);
    const tooLong = await post(lab, long);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([
      { field: 'Observation[1].code', messages: ['must be at most 200 characters'] },
      { field: 'Observation[2].valueQuantity.unit', messages: ['must be at most 40 characters'] },
    ]);
  });

  it('answers 422 PATIENT_NOT_FOUND for a PESEL no confirmed patient holds (also one a basic account only typed)', async () => {
    const unknown = await post(lab, labBundle({ pesel: '44051401359' }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe(ErrorCode.PATIENT_NOT_FOUND);

    await newPatient(stack.baseUrl, { pesel: '90031501238' });
    const basic = await post(lab, labBundle({ pesel: '90031501238' }));
    expect(basic.status).toBe(422);
    expect(basic.body.code).toBe(ErrorCode.PATIENT_NOT_FOUND);
  });

  it('takes bundles from laboratories only, and not over the size limit', async () => {
    const bundle = labBundle({ pesel: DEMO_PESEL });
    const doctor = await logIn('doctor@demo.test', 'Doctor#Demo2026');
    expect((await post(demoPatient, bundle)).status).toBe(403);
    expect((await post(doctor, bundle)).status).toBe(403);
    expect((await lab.call('POST', '/api/lab/results', { body: bundle, token: null })).status).toBe(401);

    const huge = labBundle({ pesel: DEMO_PESEL });
    huge.entry[0].resource.text = { status: 'generated', div: `<div>${'a'.repeat(MAX_LAB_BUNDLE_BYTES)}</div>` };
    const tooLarge = await post(lab, huge);
    expect(tooLarge.status).toBe(413);
  });

  it('shows results to full accounts only, and never another patient their results', async () => {
    const posted = await post(lab, labBundle({ pesel: DEMO_PESEL }));
    const basic = await newPatient(stack.baseUrl);
    const refused = await basic.client.get('/api/results');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe(ErrorCode.VERIFICATION_REQUIRED);

    const stranger = await fullPatient();
    expect((await stranger.get(`/api/results/${posted.body.id}`)).status).toBe(404);
    expect((await stranger.get('/api/results')).body).toMatchObject({ items: [], total: 0 });
    expect((await stranger.get('/api/results/parameters/2093-3')).status).toBe(404);
    expect((await demoPatient.get('/api/results/not-a-uuid')).status).toBe(404);
    expect((await lab.get('/api/results')).status).toBe(403);
  });

  it("pages the patient's results newest first", async () => {
    const patientResults = async (query: string) => (await demoPatient.get<ResultsPage>(`/api/results?${query}`)).body;
    const all = await patientResults('pageSize=50');
    expect(all.total).toBeGreaterThanOrEqual(3);
    const dates = all.items.map((item) => item.effectiveAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const second = await patientResults('page=2&pageSize=1');
    expect(second).toMatchObject({ page: 2, pageSize: 1, total: all.total });
    expect(second.items.map((item) => item.id)).toEqual([all.items[1]!.id]);
    expect((await demoPatient.get('/api/results?pageSize=51')).status).toBe(400);
  });

  it('gives the series of one parameter across all the results, oldest first, for a chart', async () => {
    const base = Date.UTC(2030, 0, 1);
    const values = [250, 210, 180];
    for (const [i, value] of values.entries()) {
      const effective = new Date(base + i * 365 * 24 * 3600_000).toISOString();
      const answer = await post(lab, labBundle({ pesel: DEMO_PESEL, effective, values: [{ ...LIPIDS[0]!, value }] }));
      expect(answer.status).toBe(201);
    }
    const series = await demoPatient.get('/api/results/parameters/2093-3');
    expect(series.status).toBe(200);
    expect(series.body).toMatchObject({ code: '2093-3', name: 'Cholesterol całkowity' });
    const points = series.body.points as Array<{ effectiveAt: string; value: number; flag: string }>;
    expect(points.map((p) => p.effectiveAt)).toEqual([...points.map((p) => p.effectiveAt)].sort());
    expect(points.slice(-3).map((p) => [p.value, p.flag])).toEqual([
      [250, 'high'],
      [210, 'high'],
      [180, 'normal'],
    ]);
    expect((await demoPatient.get('/api/results/parameters/cholesterol')).status).toBe(404);
  });

  it("exports the patient's own record as a FHIR R4 Bundle that the FHIR validator accepts with zero errors", async () => {
    const [slot] = await sql<{ id: string }>(
      `SELECT s.id FROM "booking"."slots" s JOIN "booking"."services" m ON m.id = s.service_id
        WHERE s.starts_at > now() + interval '1 day' AND m.kind = 'consultation' AND NOT m.requires_referral
          AND NOT EXISTS (SELECT 1 FROM "booking"."appointments" a WHERE a.slot_id = s.id AND a.status = 'booked')
        ORDER BY s.starts_at LIMIT 1`,
    );
    const booked = await demoPatient.post('/api/appointments', { slotId: slot!.id });
    expect(booked.status).toBe(201);

    const answer = await demoPatient.get('/api/record/export');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const bundle = answer.body as {
      resourceType: string;
      type: string;
      entry: Array<{ fullUrl: string; resource: any }>;
    };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(new FhirValidator().errorsOf(bundle)).toEqual([]);

    const ofType = (type: string) => bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === type);
    expect(ofType('Patient')).toEqual([
      expect.objectContaining({
        identifier: [{ system: 'urn:oid:2.16.840.1.113883.3.4424.1.1.616', value: DEMO_PESEL }],
        name: [expect.objectContaining({ family: 'Zielińska', given: ['Maria'] })],
        birthDate: '1985-04-12',
      }),
    ]);
    const results = (await demoPatient.get<ResultsPage>('/api/results?pageSize=1')).body;
    expect(ofType('DiagnosticReport')).toHaveLength(results.total);
    const observations = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM "consultations"."lab_observations" WHERE patient_id = $1`,
      ['00000000-0000-4000-8000-00000000a71e'],
    );
    expect(ofType('Observation')).toHaveLength(observations[0]!.n);
    expect(ofType('Appointment')).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: booked.body.id, status: 'booked' })]),
    );
    // The treatment record: an Encounter per completed visit, its diagnoses and referrals.
    const visits = await sql<{ n: number; diagnoses: number }>(
      `SELECT count(*)::int AS n, coalesce(sum(jsonb_array_length(diagnoses)), 0)::int AS diagnoses
         FROM "consultations"."visit_outcomes" WHERE patient_id = $1 AND status = 'completed'`,
      ['00000000-0000-4000-8000-00000000a71e'],
    );
    expect(visits[0]!.n).toBeGreaterThan(0);
    expect(ofType('Encounter')).toHaveLength(visits[0]!.n);
    expect(ofType('Condition')).toHaveLength(visits[0]!.diagnoses);
    const referrals = (await demoPatient.get<Array<{ id: string }>>('/api/referrals')).body;
    expect(referrals.length).toBeGreaterThan(0);
    expect(
      ofType('ServiceRequest')
        .map((r) => r.id)
        .sort(),
    ).toEqual(referrals.map((r) => r.id).sort());
    // Every item of every e-prescription, without the pharmacy's access code.
    const prescriptions = (await demoPatient.get<Array<{ accessCode: string; items: unknown[] }>>('/api/prescriptions'))
      .body;
    expect(prescriptions.length).toBeGreaterThan(0);
    expect(ofType('MedicationRequest')).toHaveLength(prescriptions.reduce((n, p) => n + p.items.length, 0));
    for (const prescription of prescriptions)
      expect(JSON.stringify(bundle)).not.toContain(`"${prescription.accessCode}"`);
    expect(new Set(bundle.entry.map((e) => e.fullUrl)).size).toBe(bundle.entry.length);
    // Every reference inside points at an entry of the bundle.
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    const references = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(urls).toContain(reference.slice(13, -1));
  });

  it('exports nothing to basic accounts, laboratories, or without a token', async () => {
    const basic = await newPatient(stack.baseUrl);
    const refused = await basic.client.get('/api/record/export');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe(ErrorCode.VERIFICATION_REQUIRED);
    expect((await lab.get('/api/record/export')).status).toBe(403);
    expect((await lab.get('/api/record/export', null)).status).toBe(401);
  });

  it("keeps the lab's PDF for the patient only, outside the 5-file quota and the 3-month expiry", async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4000, 0x20), Buffer.from('\n%%EOF\n')]);
    const bundle = labBundle({ pesel: DEMO_PESEL });
    bundle.entry[1].resource.presentedForm = [
      { contentType: 'application/pdf', title: 'Lipidogram.pdf', data: pdf.toString('base64') },
    ];
    const posted = await post(lab, bundle);
    expect(posted.status).toBe(201);
    expect((await demoPatient.get(`/api/results/${posted.body.id}`)).body.hasPdf).toBe(true);

    const download = await fetch(`${stack.baseUrl}/api/results/${posted.body.id}/pdf`, {
      headers: { authorization: `Bearer ${demoPatient.accessToken}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);

    // Not one of the patient's files: no quota place, no expiry; its bytes live under their own prefix.
    expect((await demoPatient.get('/api/files')).body).toEqual([]);
    const documents = await sql<{ object_key: string; status: string }>(
      `SELECT object_key, status FROM "files"."lab_documents" WHERE patient_id = $1`,
      ['00000000-0000-4000-8000-00000000a71e'],
    );
    expect(documents).toEqual([{ object_key: expect.stringMatching(/^lab-documents\//), status: 'stored' }]);

    const stranger = await fullPatient();
    expect((await stranger.get(`/api/results/${posted.body.id}/pdf`)).status).toBe(404);
    const withoutPdf = await post(lab, labBundle({ pesel: DEMO_PESEL }));
    expect((await demoPatient.get(`/api/results/${withoutPdf.body.id}/pdf`)).status).toBe(404);

    const notPdf = labBundle({ pesel: DEMO_PESEL });
    notPdf.entry[1].resource.presentedForm = [
      { contentType: 'application/pdf', data: Buffer.from('<html></html>').toString('base64') },
    ];
    expect((await post(lab, notPdf)).body).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      errors: [{ field: 'DiagnosticReport.presentedForm', messages: ['the attachment is not a PDF'] }],
    });
  });
});
