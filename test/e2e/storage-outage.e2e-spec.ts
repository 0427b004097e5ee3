import { FixedClock, ObjectStorage } from '@pacjent/platform';
import { startLocalS3, TcpRelay, type LocalS3 } from '@pacjent/testing';
import { Client } from 'pg';
import { type ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';
import { FilesConfig } from '../../services/files/src/config';
import { ReconciliationJob } from '../../services/files/src/retention/reconciliation.job';
import { RetentionRepository } from '../../services/files/src/retention/retention.repository';

/** A PDF large enough that its upload to S3 is still on the wire when the relay cuts it. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
const SMALL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * S3 unreachable, as the gateway and the files service see it: a TCP relay in
 * front of the test's S3 server is cut (connections dropped, new ones refused)
 * and opened again. Uploads and downloads must answer 503 SERVICE_UNAVAILABLE
 * (retriable, with a code), not 500, and leave nothing behind.
 */
describe('uploads and downloads while S3 is unreachable', () => {
  let s3: LocalS3;
  let relay: TcpRelay;
  let stack: Stack;

  beforeAll(async () => {
    s3 = await startLocalS3();
    const upstream = new URL(s3.endpoint);
    relay = new TcpRelay(() => ({ host: upstream.hostname, port: Number(upstream.port) }));
    await relay.open();
    // startStack's S3 is then this relay: the gateway and the files service reach S3 only through it.
    process.env.S3_ENDPOINT = `http://127.0.0.1:${relay.port}`;
    stack = await startStack({ demoData: false });
  });
  afterAll(async () => {
    await relay?.open();
    await stack?.close();
    await relay?.cut();
    process.env.S3_ENDPOINT = s3.endpoint;
    await s3?.close();
  });

  async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: stack.database.url });
    await db.connect();
    try {
      return (await db.query(text, params)).rows as T[];
    } finally {
      await db.end();
    }
  }

  async function fullPatient(): Promise<ApiClient> {
    const patient = await newPatient(stack.baseUrl);
    await sql(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
    const login = await patient.client.post('/api/auth/login', { email: patient.email, password: patient.password });
    expect(login.status).toBe(200);
    patient.client.accessToken = login.body.accessToken;
    return patient.client;
  }

  async function upload(client: ApiClient, bytes: Buffer) {
    const form = new FormData();
    form.append('description', 'Wynik badania krwi');
    form.append('consent', 'true');
    form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'wynik.pdf');
    const response = await fetch(`${stack.baseUrl}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.accessToken}` },
      body: form,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function download(client: ApiClient, id: string) {
    const response = await fetch(`${stack.baseUrl}/api/files/${id}/content`, {
      headers: { authorization: `Bearer ${client.accessToken}` },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const problem = response.headers.get('content-type')?.includes('json') ? JSON.parse(bytes.toString()) : undefined;
    return { status: response.status, bytes, problem };
  }

  /** What the S3 server itself holds (read directly, not through the relay). */
  async function objectKeys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const object of s3.storage.list('')) keys.push(object.key);
    return keys.sort();
  }

  /** The files service's reconciliation job as it will run once the TTL has passed (hourly in production). */
  function reconcileLater() {
    const files = stack.services[2]!;
    const config = files.get(FilesConfig, { strict: false });
    const later = new FixedClock(new Date(Date.now() + (config.FILES_PENDING_TTL_MINUTES + 1) * 60_000));
    return new ReconciliationJob(
      files.get(RetentionRepository, { strict: false }),
      files.get(ObjectStorage, { strict: false }),
      later,
      config,
    ).run();
  }

  const filesRows = () => sql<{ status: string }>(`SELECT status FROM "files"."files" ORDER BY status`);

  it('answers 503 SERVICE_UNAVAILABLE to an upload cut half-way to S3, keeps nothing, and takes it once S3 is back', async () => {
    const client = await fullPatient();
    const before = { keys: await objectKeys(), rows: await filesRows() };

    const cut = relay.cutAfter(256 * 1024);
    const refused = await upload(client, PDF);
    await cut;
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    // The reservation was given back: no row left pending, no stored row, nothing in the list.
    expect(await filesRows()).toEqual(before.rows);
    expect((await client.get('/api/files')).body).toEqual([]);

    // Refused outright while the relay stays down (a new connection is refused, not cut).
    const alsoRefused = await upload(client, SMALL_PDF);
    expect(alsoRefused.status).toBe(503);
    expect(alsoRefused.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });

    await relay.open();
    // The cut upload's bytes may have reached S3 (s3rver keeps a partial body; S3 would not), and the
    // abort could not delete them while S3 was down: at most that one object, named by no row, which
    // the reconciliation job removes once older than the TTL. Nothing else is touched.
    const leftover = (await objectKeys()).filter((key) => !before.keys.includes(key));
    expect(leftover.length).toBeLessThanOrEqual(1);
    expect(await reconcileLater()).toEqual({ stalePendingRemoved: 0, orphanObjectsRemoved: leftover.length });
    expect(await objectKeys()).toEqual(before.keys);
    const stored = await upload(client, PDF);
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ name: 'wynik.pdf', size: PDF.length });
    expect(await filesRows()).toEqual([...before.rows, { status: 'stored' }]);
    expect(await objectKeys()).toHaveLength(before.keys.length + 1);
    const body = await download(client, stored.body.id);
    expect(body.status).toBe(200);
    expect(body.bytes.equals(PDF)).toBe(true);
  });

  it('answers 503 SERVICE_UNAVAILABLE to a download while S3 is down, 404 to another patient’s file, and serves it once back', async () => {
    const owner = await fullPatient();
    const stranger = await fullPatient();
    const stored = await upload(owner, SMALL_PDF);
    expect(stored.status).toBe(201);

    await relay.cut();
    try {
      const unavailable = await download(owner, stored.body.id);
      expect(unavailable.status).toBe(503);
      expect(unavailable.problem).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      // The outage tells nobody else that the file exists: ownership is checked before S3 is asked.
      const foreign = await download(stranger, stored.body.id);
      expect(foreign.status).toBe(404);
      expect(foreign.problem).toMatchObject({ code: 'NOT_FOUND' });
      // Deleting needs S3 too: refused as unavailable, and the file stays.
      const deleted = await owner.call('DELETE', `/api/files/${stored.body.id}`);
      expect(deleted.status).toBe(503);
      expect(deleted.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await relay.open();
    }

    const served = await download(owner, stored.body.id);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(SMALL_PDF)).toBe(true);
    expect((await owner.get('/api/files')).body).toEqual([expect.objectContaining({ id: stored.body.id })]);
  });
});
