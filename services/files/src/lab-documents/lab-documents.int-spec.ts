import {
  ErrorCode,
  Subjects,
  type FileContentLocation,
  type FileView,
  type ReservedLabDocument,
} from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { Readable } from 'node:stream';
import { fullPatient, MINUTE, startFiles, TEST_NOW, type FilesTestKit } from '../testing/files-test-kit';
import { LabDocumentsSweepJob } from './lab-documents-sweep.job';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe("laboratories' PDFs (files over the bus)", () => {
  let kit: FilesTestKit;
  const lab = newActor({ roles: ['lab'], level: 'full' });

  beforeAll(async () => {
    kit = await startFiles();
  });
  afterAll(() => kit.close());

  /** What the gateway does with a bundle's PDF: reserve, then write the bytes. */
  async function storePdf(): Promise<ReservedLabDocument> {
    const reserved = await kit.request<ReservedLabDocument>(Subjects.files.reserveLabDocument, lab, {
      size: PDF.length,
    });
    await kit.s3.storage.put(reserved.objectKey, Readable.from([PDF]), PDF.length, 'application/pdf');
    return reserved;
  }
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error,
    );

  it("gives an assigned PDF to its patient only, outside the patient's files and quota", async () => {
    kit.clock.set(TEST_NOW);
    const patient = fullPatient();
    const reserved = await storePdf();
    const locate = (actor: ReturnType<typeof newActor>) =>
      kit.request<FileContentLocation>(Subjects.files.locateLabDocument, actor, { documentId: reserved.documentId });

    await expect(failure(locate(patient))).resolves.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await kit.request(Subjects.files.assignLabDocument, lab, {
      documentId: reserved.documentId,
      patientId: patient.id,
    });
    await expect(locate(patient)).resolves.toMatchObject({
      objectKey: reserved.objectKey,
      contentType: 'application/pdf',
    });
    await expect(failure(locate(fullPatient()))).resolves.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(kit.request<FileView[]>(Subjects.files.list, patient)).resolves.toEqual([]);
    for (let i = 0; i < 5; i++) await kit.upload(patient);

    // Assigned once, by its own laboratory only.
    await expect(
      failure(
        kit.request(Subjects.files.assignLabDocument, lab, { documentId: reserved.documentId, patientId: patient.id }),
      ),
    ).resolves.toMatchObject({ code: ErrorCode.NOT_FOUND });
    const other = await storePdf();
    await expect(
      failure(
        kit.request(Subjects.files.assignLabDocument, newActor({ roles: ['lab'] }), {
          documentId: other.documentId,
          patientId: patient.id,
        }),
      ),
    ).resolves.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(
      failure(kit.request(Subjects.files.reserveLabDocument, patient, { size: PDF.length })),
    ).resolves.toMatchObject({ code: ErrorCode.FORBIDDEN });
  });

  it('sweeps PDFs never assigned once they are older than the grace period, and keeps assigned ones', async () => {
    kit.clock.set(TEST_NOW);
    const patient = fullPatient();
    const kept = await storePdf();
    await kit.request(Subjects.files.assignLabDocument, lab, { documentId: kept.documentId, patientId: patient.id });
    const abandoned = await storePdf();
    const sweep = kit.app.get(LabDocumentsSweepJob);

    kit.clock.set(new Date(TEST_NOW.getTime() + 29 * MINUTE));
    await sweep.run();
    expect(await kit.objectKeys()).toEqual(expect.arrayContaining([kept.objectKey, abandoned.objectKey]));

    kit.clock.set(new Date(TEST_NOW.getTime() + 31 * MINUTE));
    expect(await sweep.run()).toBeGreaterThanOrEqual(1);
    const keys = await kit.objectKeys();
    expect(keys).toContain(kept.objectKey);
    expect(keys).not.toContain(abandoned.objectKey);
    await expect(
      kit.request(Subjects.files.locateLabDocument, patient, { documentId: kept.documentId }),
    ).resolves.toMatchObject({ objectKey: kept.objectKey });
  });
});
