import type { INestMicroservice } from '@nestjs/common';
import type { Actor, FileView, ReservedUpload } from '@pacjent/contracts';
import { Clock, FixedClock, type BusClient } from '@pacjent/platform';
import {
  createTestDatabase,
  newActor,
  startLocalS3,
  startTestService,
  testBusClient,
  type LocalS3,
  type TestDatabase,
} from '@pacjent/testing';
import { Subjects } from '@pacjent/contracts';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { FilesDefinition } from '../app';

/** 2 March 2026, 9:00 UTC. */
export const TEST_NOW = new Date('2026-03-02T09:00:00Z');
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

/** The smallest PNG signature plus padding: enough for the service, which trusts the gateway's sniffing. */
export const PNG_BYTES = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 1)]);

export const fullPatient = (): Actor => newActor({ level: 'full' });

export interface FilesTestKit {
  app: INestMicroservice;
  bus: BusClient;
  clock: FixedClock;
  s3: LocalS3;
  db: TestDatabase;
  dataSource: DataSource;
  request<T>(subject: string, actor: Actor | null, data?: unknown): Promise<T>;
  /** What the gateway does for one upload: reserve, write the bytes, complete. */
  upload(actor: Actor, description?: string): Promise<FileView>;
  /** Keys of every object in the bucket. */
  objectKeys(): Promise<string[]>;
  close(): Promise<void>;
}

/** The files service in this process on real NATS, PostgreSQL and a local S3, with a FixedClock. */
export async function startFiles(): Promise<FilesTestKit> {
  const s3 = await startLocalS3();
  const db = await createTestDatabase();
  const clock = new FixedClock(TEST_NOW);
  const app = await startTestService(FilesDefinition, [{ provide: Clock, useValue: clock }]);
  const bus = await testBusClient();
  const dataSource = app.get(DataSource);
  const request = <T>(subject: string, actor: Actor | null, data: unknown = {}) =>
    bus.request<T>(subject, { actor, data });
  return {
    app,
    bus,
    clock,
    s3,
    db,
    dataSource,
    request,
    async upload(actor, description = 'Wynik badania krwi') {
      const reserved = await request<ReservedUpload>(Subjects.files.reserveUpload, actor);
      await s3.storage.put(reserved.objectKey, Readable.from([PNG_BYTES]), PNG_BYTES.length, 'image/png');
      return request<FileView>(Subjects.files.completeUpload, actor, {
        uploadId: reserved.uploadId,
        name: 'skan.png',
        contentType: 'image/png',
        size: PNG_BYTES.length,
        description,
        consent: true,
      });
    },
    async objectKeys() {
      const keys: string[] = [];
      for await (const object of s3.storage.list('')) keys.push(object.key);
      return keys;
    },
    async close() {
      await bus.onApplicationShutdown();
      await app.close();
      await db.drop();
      await s3.close();
    },
  };
}
