import {
  ErrorCode,
  MAX_FILES_PER_PATIENT,
  Subjects,
  type FileContentLocation,
  type FileView,
  type ReservedUpload,
} from '@pacjent/contracts';
import { newActor } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { DAY, fullPatient, startFiles, TEST_NOW, type FilesTestKit } from '../testing/files-test-kit';

const { reserveUpload, completeUpload, abortUpload, list, locateContent } = Subjects.files;

describe('files over the bus', () => {
  let kit: FilesTestKit;

  beforeAll(async () => {
    kit = await startFiles();
  });
  afterAll(async () => {
    await kit.close();
  });
  beforeEach(() => kit.clock.set(TEST_NOW));

  const codeOf = (outcome: PromiseSettledResult<unknown>) =>
    outcome.status === 'fulfilled' ? 'OK' : (outcome.reason as { code: string }).code;

  it('stores an upload with a cleaned name, trimmed description and an expiry three months on', async () => {
    const patient = fullPatient();
    const reserved = await kit.request<ReservedUpload>(reserveUpload, patient);
    expect(reserved.objectKey).toMatch(/^uploads\/[0-9a-f-]{36}$/);
    expect(reserved.objectKey).not.toContain(patient.id);
    const file = await kit.request<FileView>(completeUpload, patient, {
      uploadId: reserved.uploadId,
      name: '../../tmp/\u202ewynik.pdf',
      contentType: 'application/pdf',
      size: 1234,
      description: '  Wyniki morfologii  ',
      consent: true,
    });
    expect(file).toEqual({
      id: reserved.uploadId,
      name: 'wynik.pdf',
      description: 'Wyniki morfologii',
      contentType: 'application/pdf',
      size: 1234,
      uploadedAt: TEST_NOW.toISOString(),
      expiresAt: '2026-06-02T09:00:00.000Z',
      appointmentIds: [],
    });
  });

  it('refuses a description outside 5–75 characters and a missing consent', async () => {
    const patient = fullPatient();
    const reserved = await kit.request<ReservedUpload>(reserveUpload, patient);
    const base = { uploadId: reserved.uploadId, name: 'a.png', contentType: 'image/png', size: 10, consent: true };
    for (const data of [
      { ...base, description: 'abcd' },
      { ...base, description: 'x'.repeat(76) },
      { ...base, description: 'Poprawny opis', consent: false },
      { ...base, description: 'Poprawny opis', contentType: 'text/plain' },
    ]) {
      await expect(kit.request(completeUpload, patient, data)).rejects.toMatchObject({
        code: ErrorCode.VALIDATION_FAILED,
      });
    }
  });

  it('answers VERIFICATION_REQUIRED to a basic account', async () => {
    await expect(kit.request(reserveUpload, newActor())).rejects.toMatchObject({
      code: ErrorCode.VERIFICATION_REQUIRED,
    });
    await expect(kit.request(list, newActor())).rejects.toMatchObject({ code: ErrorCode.VERIFICATION_REQUIRED });
  });

  it('lets exactly one of ten parallel uploads through when four files are there', async () => {
    const patient = fullPatient();
    for (let i = 0; i < MAX_FILES_PER_PATIENT - 1; i++) await kit.upload(patient);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => kit.upload(patient)));
    const codes = outcomes.map(codeOf);
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code === ErrorCode.FILE_LIMIT_REACHED)).toHaveLength(9);
    expect(await kit.request<FileView[]>(list, patient)).toHaveLength(MAX_FILES_PER_PATIENT);
  });

  it('lists only the patient’s own stored files, newest first', async () => {
    const patient = fullPatient();
    const first = await kit.upload(patient, 'Pierwszy plik');
    kit.clock.advance(60_000);
    const second = await kit.upload(patient, 'Drugi plik');
    await kit.request<ReservedUpload>(reserveUpload, patient); // pending: not listed
    await kit.upload(fullPatient(), 'Cudzy plik');
    const files = await kit.request<FileView[]>(list, patient);
    expect(files.map((file) => file.id)).toEqual([second.id, first.id]);
  });

  it('locates the bytes for the owner only; another patient gets NOT_FOUND', async () => {
    const owner = fullPatient();
    const file = await kit.upload(owner);
    const location = await kit.request<FileContentLocation>(locateContent, owner, { id: file.id });
    expect(location).toMatchObject({ name: 'skan.png', contentType: 'image/png', size: file.size });
    await expect(kit.request(locateContent, fullPatient(), { id: file.id })).rejects.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
    await expect(kit.request(locateContent, owner, { id: randomUUID() })).rejects.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
  });

  it('deletes the object and then the row; another patient gets NOT_FOUND and changes nothing', async () => {
    const owner = fullPatient();
    const file = await kit.upload(owner);
    const { objectKey } = await kit.request<FileContentLocation>(locateContent, owner, { id: file.id });
    await expect(kit.request(Subjects.files.delete, fullPatient(), { id: file.id })).rejects.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
    expect(await kit.objectKeys()).toContain(objectKey);

    await kit.request(Subjects.files.delete, owner, { id: file.id });
    expect(await kit.objectKeys()).not.toContain(objectKey);
    expect(await kit.request<FileView[]>(list, owner)).toEqual([]);
    await expect(kit.request(Subjects.files.delete, owner, { id: file.id })).rejects.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
  });

  it('gives the place back on abort and removes whatever bytes were written', async () => {
    const patient = fullPatient();
    for (let i = 0; i < MAX_FILES_PER_PATIENT - 1; i++) await kit.upload(patient);
    const reserved = await kit.request<ReservedUpload>(reserveUpload, patient);
    await expect(kit.request(reserveUpload, patient)).rejects.toMatchObject({ code: ErrorCode.FILE_LIMIT_REACHED });
    await kit.s3.storage.put(
      reserved.objectKey,
      (await import('node:stream')).Readable.from([Buffer.from('x')]),
      1,
      'image/png',
    );

    await kit.request(abortUpload, patient, { uploadId: reserved.uploadId });
    await kit.request(abortUpload, patient, { uploadId: reserved.uploadId }); // idempotent
    expect(await kit.objectKeys()).not.toContain(reserved.objectKey);
    await expect(kit.upload(patient)).resolves.toMatchObject({ contentType: 'image/png' });
  });

  it('does not let a lapsed reservation hold a place, nor be completed by someone else', async () => {
    const patient = fullPatient();
    const reserved = await kit.request<ReservedUpload>(reserveUpload, patient);
    await expect(
      kit.request(completeUpload, fullPatient(), {
        uploadId: reserved.uploadId,
        name: 'x.png',
        contentType: 'image/png',
        size: 10,
        description: 'Cudza rezerwacja',
        consent: true,
      }),
    ).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    for (let i = 0; i < MAX_FILES_PER_PATIENT - 1; i++) await kit.upload(patient);
    kit.clock.advance(DAY);
    // The pending one is stale now: a fifth stored file fits.
    await expect(kit.upload(patient)).resolves.toBeDefined();
  });

  it('lists a patient’s stored files to staff as format, size and dates only; nobody else may ask', async () => {
    const patient = fullPatient();
    const stored = await kit.upload(patient);
    const pending = await kit.request<ReservedUpload>(reserveUpload, patient);
    const staff = newActor({ roles: ['staff'], level: 'full' });

    const listed = await kit.request<unknown[]>(Subjects.files.staffPatientFiles, staff, { patientId: patient.id });
    expect(listed).toEqual([
      {
        id: stored.id,
        contentType: stored.contentType,
        size: stored.size,
        uploadedAt: stored.uploadedAt,
        expiresAt: stored.expiresAt,
      },
    ]);
    expect(listed).not.toContainEqual(expect.objectContaining({ id: pending.uploadId }));
    await expect(kit.request(Subjects.files.staffPatientFiles, staff, { patientId: randomUUID() })).resolves.toEqual(
      [],
    );

    await expect(
      kit.request(Subjects.files.staffPatientFiles, patient, { patientId: patient.id }),
    ).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    await expect(
      kit.request(Subjects.files.staffPatientFiles, newActor({ roles: ['doctor'], level: 'full' }), {
        patientId: patient.id,
      }),
    ).rejects.toMatchObject({ code: ErrorCode.FORBIDDEN });
    await expect(kit.request(Subjects.files.staffPatientFiles, null, { patientId: patient.id })).rejects.toMatchObject({
      code: ErrorCode.UNAUTHENTICATED,
    });
    await expect(
      kit.request(Subjects.files.staffPatientFiles, staff, { patientId: 'x'.repeat(10_000) }),
    ).rejects.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
  });
});
