import { ObjectStorage } from '@pacjent/platform';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: Server;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** Storage on the same bucket, for tests that look at what is (not) stored. */
  storage: ObjectStorage;
  close(): Promise<void>;
}

/**
 * An S3-compatible server (s3rver) in this process with its data in a fresh
 * temporary folder, and its bucket created. Sets the S3_* variables the
 * services and the gateway read, unless S3_ENDPOINT names a real one already
 * (then that one is used and nothing is started).
 */
export async function startLocalS3(bucket = 'pacjent-files'): Promise<LocalS3> {
  process.env.S3_BUCKET = process.env.S3_BUCKET || bucket;
  if (process.env.S3_ENDPOINT) {
    const storage = ObjectStorage.fromEnv();
    await storage.ensureBucket();
    return { endpoint: process.env.S3_ENDPOINT, bucket: storage.bucket, storage, close: async () => storage.destroy() };
  }
  // s3rver ships no types; this is the little of it we use.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const S3rver = require('s3rver') as S3rverConstructor;
  const directory = await mkdtemp(join(tmpdir(), 'pacjent-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  Object.assign(process.env, {
    S3_ENDPOINT: endpoint,
    S3_REGION: 'us-east-1',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
  });
  const storage = ObjectStorage.fromEnv();
  await storage.ensureBucket();
  return {
    endpoint,
    bucket: storage.bucket,
    storage,
    close: async () => {
      storage.destroy();
      server.httpServer?.closeAllConnections();
      await server.close();
      delete process.env.S3_ENDPOINT;
      await rm(directory, { recursive: true, force: true });
    },
  };
}
