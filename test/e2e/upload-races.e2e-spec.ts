import { pbkdf2 } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Client } from 'pg';
import { FileUploadService } from '../../services/gateway/src/files/file-upload.service';
import { type ApiClient, newPatient } from '../support/http';
import { startStack, type Stack } from '../support/stack';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);
const FILE_LIMIT = 5;

/**
 * Issue 10, item 1: parallel uploads over the five-file limit used to end the
 * gateway (ERR_STREAM_DESTROYED on the upload spool, nobody listening for its
 * 'error') and leave /tmp/pacjent-upload-* behind.
 */
describe('uploads racing over the file limit', () => {
  let stack: Stack;
  let topLevelBefore: Set<string>;

  beforeAll(async () => {
    topLevelBefore = new Set((await readdir(tmpdir())).filter((name) => name.startsWith('pacjent-upload-')));
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  async function fullPatient(): Promise<ApiClient> {
    const patient = await newPatient(stack.baseUrl);
    const db = new Client({ connectionString: stack.database.url });
    await db.connect();
    try {
      await db.query(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [patient.id]);
    } finally {
      await db.end();
    }
    const login = await patient.client.post('/api/auth/login', { email: patient.email, password: patient.password });
    expect(login.status).toBe(200);
    patient.client.accessToken = login.body.accessToken;
    return patient.client;
  }

  async function upload(client: ApiClient): Promise<number> {
    const form = new FormData();
    form.append('description', 'Wynik badania krwi');
    form.append('consent', 'true');
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'skan.png');
    try {
      const response = await fetch(`${stack.baseUrl}/api/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.accessToken}` },
        body: form,
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      // The gateway may close the connection after answering a refused upload early.
      return 0;
    }
  }

  /**
   * A gateway under load: libuv's thread pool (file system, crypto) kept busy,
   * so the spool's file writes are still in flight when the files service's
   * refusal arrives over NATS — as on the probed machine.
   */
  async function underLoad<T>(work: () => Promise<T>): Promise<T> {
    let busy = true;
    const spin = async () => {
      while (busy) await new Promise((done) => pbkdf2('load', 'salt', 3_000, 32, 'sha256', () => done(undefined)));
    };
    const spinners = Array.from({ length: 4 }, spin);
    // …and the event loop too: completions pile up and are taken in whatever order.
    const blocker = setInterval(() => {
      const until = Date.now() + 5;
      while (Date.now() < until);
    }, 7);
    try {
      return await work();
    } finally {
      busy = false;
      clearInterval(blocker);
      await Promise.all(spinners);
    }
  }

  const race = (client: ApiClient, count: number) =>
    underLoad(() => Promise.all(Array.from({ length: count }, () => upload(client))));

  it('keeps answering, stores exactly five files and leaves no spooled upload behind', async () => {
    const client = await fullPatient();
    for (let round = 0; round < 6; round++) {
      const statuses = await race(client, 10);
      expect(statuses.every((status) => [0, 201, 409].includes(status))).toBe(true);
      expect((await client.get('/api/health')).status).toBe(200);
    }
    // Delete one of five, then race for the free place again, several times.
    for (let round = 0; round < 4; round++) {
      const files = (await client.get('/api/files')).body as Array<{ id: string }>;
      expect(files).toHaveLength(FILE_LIMIT);
      expect((await client.call('DELETE', `/api/files/${files[0]!.id}`)).status).toBe(204);
      const statuses = await race(client, 10);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect((await client.get('/api/health')).status).toBe(200);
    }
    expect((await client.get('/api/files')).body).toHaveLength(FILE_LIMIT);

    const spool = await stack.gateway.get(FileUploadService).spoolDirectory();
    expect(spool.startsWith(tmpdir())).toBe(true);
    expect(await readdir(spool)).toEqual([]);
    // Nothing of this run lies loose in the temporary directory either (the old spool wrote there).
    const topLevelNow = (await readdir(tmpdir())).filter((name) => name.startsWith('pacjent-upload-'));
    const spoolName = spool.slice(tmpdir().length + 1);
    expect(topLevelNow.filter((name) => !topLevelBefore.has(name) && name !== spoolName)).toEqual([]);
  }, 120_000);
});
