import fs from 'node:fs';
import http from 'node:http';
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { FileUploadService } from '../../services/gateway/src/files/file-upload.service';
import * as accounts from '../support/accounts';
import type { ApiClient } from '../support/http';
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
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  const fullPatient = async (): Promise<ApiClient> => (await accounts.fullPatient(stack)).client;

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

  const race = (client: ApiClient, count: number) => Promise.all(Array.from({ length: count }, () => upload(client)));

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
  }, 120_000);

  /**
   * A disk slower than the files service's answer, made so on purpose: every
   * file write completes 50 ms late. The refusal of the reservation then
   * arrives while the spool's write is still in flight — exactly the moment
   * the old spool destroyed its file stream and ended the process.
   */
  it('survives a refusal that arrives while the spool is still writing', async () => {
    const client = await fullPatient();
    for (let i = 0; i < FILE_LIMIT; i++) expect(await upload(client)).toBe(201);
    const write = fs.write;
    const slowWrite = (...args: unknown[]) => {
      const callback = args.pop() as (...result: unknown[]) => void;
      return (write as (...a: unknown[]) => void)(...args, (...result: unknown[]) =>
        setTimeout(() => callback(...result), 200),
      );
    };
    fs.write = slowWrite as typeof fs.write;
    try {
      const statuses = await Promise.all(Array.from({ length: 10 }, () => upload(client)));
      expect(statuses.every((status) => status === 409 || status === 0)).toBe(true);
    } finally {
      fs.write = write;
    }
    expect((await client.get('/api/health')).status).toBe(200);
    expect((await client.get('/api/files')).body).toHaveLength(FILE_LIMIT);
    const spool = await stack.gateway.get(FileUploadService).spoolDirectory();
    expect(await readdir(spool)).toEqual([]);
  }, 60_000);

  it('still takes uploads after a temporary-files cleaner removed its spool directory', async () => {
    const client = await fullPatient();
    const spool = await stack.gateway.get(FileUploadService).spoolDirectory();
    await rm(spool, { recursive: true, force: true });
    expect(await upload(client)).toBe(201);
    expect(await readdir(spool)).toEqual([]);
  });
  it('lets a client still sending a small refused upload read the answer instead of a broken pipe', async () => {
    const client = await fullPatient();
    for (let i = 0; i < FILE_LIMIT; i++) expect(await upload(client)).toBe(201);
    // A 600 KB PNG, sent in two halves: the 409 arrives after the first; the second must still be taken.
    const boundary = 'pacjent-test-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nWynik badania krwi\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="consent"\r\n\r\ntrue\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="duzy.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const body = Buffer.concat([head, PNG, Buffer.alloc(600 * 1024, 7), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const { port } = new URL(stack.baseUrl);
    const outcome = await new Promise<{ status: number; connection?: string; error?: string }>((resolve) => {
      const request = http.request({
        host: '127.0.0.1',
        port: Number(port),
        method: 'POST',
        path: '/api/files',
        headers: {
          authorization: `Bearer ${client.accessToken}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
        },
      });
      let status = 0;
      let connection: string | undefined;
      request.on('error', (error: NodeJS.ErrnoException) => resolve({ status, error: error.code ?? error.message }));
      request.on('response', (response) => {
        status = response.statusCode ?? 0;
        connection = response.headers.connection;
        response.resume();
        // Only now the rest of the body: a gateway that stopped reading has closed the connection by then.
        setTimeout(() => request.end(body.subarray(64 * 1024)), 200);
        response.on('end', () => setTimeout(() => resolve({ status, connection }), 300));
      });
      request.write(body.subarray(0, 64 * 1024));
    });
    // The gateway reads the rest and keeps the connection: it does not announce a close it would do mid-upload.
    expect(outcome).toEqual({ status: 409, connection: 'keep-alive' });
  });
});
