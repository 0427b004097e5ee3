import { Subjects, type FileContentLocation, type FileView, type ReservedUpload } from '@pacjent/contracts';
import { Readable } from 'node:stream';
import { DAY, fullPatient, MINUTE, startFiles, TEST_NOW, type FilesTestKit } from '../testing/files-test-kit';
import { ExpiryJob } from './expiry.job';
import { ReconciliationJob } from './reconciliation.job';

describe('file retention jobs', () => {
  let kit: FilesTestKit;
  let expiry: ExpiryJob;
  let reconciliation: ReconciliationJob;

  beforeAll(async () => {
    kit = await startFiles();
    expiry = kit.app.get(ExpiryJob);
    reconciliation = kit.app.get(ReconciliationJob);
  });
  afterAll(async () => {
    await kit.close();
  });
  beforeEach(async () => {
    kit.clock.set(TEST_NOW);
    // Each test starts from empty storage and table, so counts are its own.
    await expiry.run();
    await kit.dataSource.query(`DELETE FROM "files"."files"`);
    for (const key of await kit.objectKeys()) await kit.s3.storage.delete(key);
  });

  const keyOf = async (actor: Parameters<FilesTestKit['upload']>[0], file: FileView) =>
    (await kit.request<FileContentLocation>(Subjects.files.locateContent, actor, { id: file.id })).objectKey;

  it('deletes files three months after they were added, not a moment before, and only once', async () => {
    const patient = fullPatient();
    const old = await kit.upload(patient, 'Starszy plik');
    const oldKey = await keyOf(patient, old);
    kit.clock.advance(10 * DAY);
    const newer = await kit.upload(patient, 'Nowszy plik');

    kit.clock.set(new Date(new Date(old.expiresAt).getTime() - 1));
    expect(await expiry.run()).toBe(0);

    kit.clock.set(new Date(old.expiresAt));
    expect(await expiry.run()).toBe(1);
    expect(await expiry.run()).toBe(0);
    expect(await kit.objectKeys()).not.toContain(oldKey);
    const left = await kit.request<FileView[]>(Subjects.files.list, patient);
    expect(left.map((file) => file.id)).toEqual([newer.id]);
  });

  it('works through more due files than one batch, and two runs at once never delete a file twice', async () => {
    const patients = Array.from({ length: 24 }, () => fullPatient());
    for (const patient of patients) for (let i = 0; i < 5; i++) await kit.upload(patient);
    kit.clock.advance(100 * DAY);
    const [a, b] = await Promise.all([expiry.run(), expiry.run()]);
    expect(a + b).toBe(120);
    expect(await kit.objectKeys()).toEqual([]);
  });

  it('removes objects no row names and stale reservations, once they are older than the grace period', async () => {
    const patient = fullPatient();
    const kept = await kit.upload(patient);
    const keptKey = await keyOf(patient, kept);
    const orphanKey = 'uploads/00000000-0000-4000-8000-000000000001';
    await kit.s3.storage.put(orphanKey, Readable.from([Buffer.from('%PDF-1.4')]), 8, 'application/pdf');
    const stale = await kit.request<ReservedUpload>(Subjects.files.reserveUpload, patient);
    await kit.s3.storage.put(stale.objectKey, Readable.from([Buffer.from('x')]), 1, 'image/png');

    // Within the grace period nothing is touched: an upload might still be in flight.
    expect(await reconciliation.run()).toEqual({ stalePendingRemoved: 0, orphanObjectsRemoved: 0 });

    kit.clock.set(new Date(Date.now() + 31 * MINUTE));
    expect(await reconciliation.run()).toEqual({ stalePendingRemoved: 1, orphanObjectsRemoved: 1 });
    expect((await kit.objectKeys()).sort()).toEqual([keptKey]);
    expect(await kit.request<FileView[]>(Subjects.files.list, patient)).toHaveLength(1);
    expect(await reconciliation.run()).toEqual({ stalePendingRemoved: 0, orphanObjectsRemoved: 0 });
  });
});
