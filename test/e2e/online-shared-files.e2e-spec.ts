import type {
  ChatMessageView,
  FileAccessView,
  FileView,
  OnlineConsultationView,
  RealtimeServerFrame,
} from '@pacjent/contracts';
import { ApiClient } from '../support/http';
import { OnlineScenario } from '../support/online';
import { RealtimeClient } from '../support/realtime';
import { DEMO_DOCTOR_ACCOUNT_ID, eventually } from '../support/record';
import { startStack, type Stack } from '../support/stack';

jest.setTimeout(120_000);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** The seeded staff account (README's demo accounts). */
const DEMO_STAFF = { email: 'staff@demo.test', password: 'Staff#Demo2026' };
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);

type Ack = Extract<RealtimeServerFrame, { type: 'ack' }>;
type ErrorFrame = Extract<RealtimeServerFrame, { type: 'error' }>;
type MessageFrame = Extract<RealtimeServerFrame, { type: 'message' }>;

/** Issue 13: the patient shares one of "Twoje pliki" in an online consultation; only its doctor may open it. */
describe('files shared in an online consultation', () => {
  let stack: Stack;
  let scenario: OnlineScenario;
  let doctor: ApiClient;
  const sockets: RealtimeClient[] = [];

  const open = async (token: string) => {
    const client = await RealtimeClient.signedIn(stack.baseUrl, token);
    sockets.push(client);
    return client;
  };

  beforeAll(async () => {
    stack = await startStack();
    scenario = new OnlineScenario(stack);
    doctor = await scenario.demoDoctor();
  }, 180_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stack?.close();
  }, 60_000);

  async function upload(client: ApiClient, bytes: Buffer, name: string, type: string): Promise<FileView> {
    const form = new FormData();
    form.append('description', 'Wynik badania krwi');
    form.append('consent', 'true');
    form.append('file', new Blob([bytes], { type }), name);
    const response = await fetch(`${stack.baseUrl}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.accessToken}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as FileView;
  }

  /** A patient the demo doctor has taken, with a file of theirs, and both sides' pages following. */
  async function activeConsultation() {
    await scenario.sql(`UPDATE "consultations"."online_consultations" SET status = 'left' WHERE status <> 'ended'`);
    const patient = await scenario.waiting();
    const taken = await doctor.post<OnlineConsultationView>('/api/doctor/online/take-next');
    expect(taken.body.id).toBe(patient.consultation.id);
    const id = patient.consultation.id;
    const file = await upload(patient.client, PDF, 'wynik żółć.pdf', 'application/pdf');
    const patientPage = await open(patient.client.accessToken!);
    const doctorPage = await open(doctor.accessToken!);
    for (const page of [patientPage, doctorPage]) {
      page.send({ type: 'follow', consultationId: id, afterSeq: 0 });
      await page.next((frame) => frame.type === 'consultation');
    }
    return { patient, id, file, patientPage, doctorPage };
  }

  const content = (client: ApiClient | null, id: string, fileId: string) =>
    fetch(`${stack.baseUrl}/api/doctor/online/consultations/${id}/files/${fileId}/content`, {
      headers: client ? { authorization: `Bearer ${client.accessToken}` } : {},
    });

  const share = async (page: RealtimeClient, id: string, fileId: string, clientMessageId: string) => {
    page.send({ type: 'share_file', consultationId: id, clientMessageId, fileId });
    return page.next<Ack | ErrorFrame>(
      (frame) => (frame.type === 'ack' || frame.type === 'error') && frame.clientMessageId === clientMessageId,
    );
  };

  const transcript = async (client: ApiClient, id: string) =>
    (await client.get<ChatMessageView[]>(`/api/online/consultations/${id}/messages`)).body;

  it('shares a file: the doctor sees it live and in sharedFiles, downloads the same bytes, and the patient sees the read', async () => {
    const { patient, id, file, patientPage, doctorPage } = await activeConsultation();
    // A name or size in the frame is not the file's: files says what the file is.
    patientPage.send({
      type: 'share_file',
      consultationId: id,
      clientMessageId: 's1',
      fileId: file.id,
      name: 'inny.exe',
      size: 1,
    });
    expect(await patientPage.next((frame) => frame.type === 'ack')).toMatchObject({ clientMessageId: 's1', seq: 1 });

    const expected = { fileId: file.id, name: 'wynik żółć.pdf', mediaType: 'application/pdf', size: PDF.length };
    const heard = await doctorPage.next<MessageFrame>((frame) => frame.type === 'message');
    expect(heard.message).toMatchObject({ consultationId: id, seq: 1, author: 'patient', kind: 'file' });
    expect(heard.message.file).toEqual({ ...expected, sharedAt: heard.message.at });
    expect((await patientPage.next<MessageFrame>((frame) => frame.type === 'message')).message.seq).toBe(1);
    // The doctor's page gets the consultation again, with the file listed.
    await doctorPage.next(
      (frame) => frame.type === 'consultation' && frame.consultation.sharedFiles.some((f) => f.fileId === file.id),
    );
    const view = await doctor.get<OnlineConsultationView>(`/api/doctor/online/consultations/${id}`);
    expect(view.body.sharedFiles).toEqual([{ ...expected, sharedAt: heard.message.at }]);
    expect((await patient.client.get(`/api/online/consultations/${id}`)).body.sharedFiles).toHaveLength(1);

    const response = await content(doctor, id, file.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="wynik ____.pdf"; filename\*=UTF-8''wynik%20%C5%BC%C3%B3%C5%82%C4%87.pdf$/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);

    // "Kto oglądał Twoje pliki": the doctor's read, under the consultation.
    const log = await patient.client.get<FileAccessView[]>('/api/files/access-log');
    expect(log.body).toEqual([
      {
        fileId: file.id,
        fileName: 'wynik żółć.pdf',
        appointmentId: id,
        accessorId: DEMO_DOCTOR_ACCOUNT_ID,
        action: 'download',
        accessedAt: expect.any(String),
      },
    ]);

    // A page that comes back later gets the entry from the transcript.
    const resumed = await open(doctor.accessToken!);
    resumed.send({ type: 'follow', consultationId: id, afterSeq: 0 });
    expect((await resumed.next<MessageFrame>((frame) => frame.type === 'message')).message).toEqual(heard.message);

    // After the end the entry stays in the visit's transcript, and the doctor may still open the file.
    const ended = await doctor.post(`/api/doctor/online/consultations/${id}/end`, {
      notes: '',
      diagnoses: [],
      recommendations: 'Kontrola za miesiąc.',
      referrals: [],
    });
    expect(ended.status).toBe(200);
    const visit = await patient.client.get(`/api/record/visits/${id}`);
    expect(visit.body.online.transcript[0]).toEqual(heard.message);
    expect((await content(doctor, id, file.id)).status).toBe(200);
    // Sharing after the end is refused.
    const late = await upload(patient.client, PNG, 'pozniej.png', 'image/png');
    expect(await share(patientPage, id, late.id, 'late')).toMatchObject({
      type: 'error',
      code: 'ONLINE_CONSULTATION_CLOSED',
    });
  });

  it('opens a shared file to the consultation’s doctor only: anyone else, another file or consultation is 404', async () => {
    const { patient, id, file, patientPage } = await activeConsultation();
    expect(await share(patientPage, id, file.id, 'ok')).toMatchObject({ type: 'ack', seq: 1 });
    const unshared = await upload(patient.client, PNG, 'nie-dla-lekarza.png', 'image/png');
    const otherDoctor = await scenario.otherDoctor();
    const stranger = await scenario.fullPatient();
    const staff = new ApiClient(stack.baseUrl);
    staff.accessToken = (await staff.post('/api/auth/login', DEMO_STAFF)).body.accessToken;

    for (const intruder of [otherDoctor.client, patient.client, stranger.client, staff]) {
      const response = await content(intruder, id, file.id);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await content(null, id, file.id)).status).toBe(401);
    // The doctor's own consultation, but a file not shared there; the file, but under another consultation.
    expect((await content(doctor, id, unshared.id)).status).toBe(404);
    expect((await content(doctor, '7b0c6a4e-1f5a-4c39-9a43-0a6e0f6f1d2b', file.id)).status).toBe(404);
    // Malformed and oversized ids name nobody's file; control characters are refused as hostile input.
    for (const bad of ['not-a-uuid', `${file.id}x`, `${file.id}%0d%0a`, 'a'.repeat(100)]) {
      expect((await content(doctor, id, bad)).status).toBe(404);
      expect((await content(doctor, bad, file.id)).status).toBe(404);
    }
    for (const response of [
      await content(doctor, id, 'a'.repeat(2000)),
      await content(doctor, 'a'.repeat(2000), file.id),
    ]) {
      expect(response.status).toBe(414);
      expect(await response.json()).toMatchObject({ code: 'URI_TOO_LONG' });
    }
    for (const bad of ['%00', `${file.id}%00`, `%1b[2J${file.id}`]) {
      for (const response of [await content(doctor, id, bad), await content(doctor, bad, file.id)]) {
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      }
    }
    // Nobody but the doctor read it.
    expect((await patient.client.get<FileAccessView[]>('/api/files/access-log')).body).toEqual([]);
  });

  it('lets only the patient share only their own stored file; hostile frames are refused and store nothing', async () => {
    const { patient, id, file, patientPage, doctorPage } = await activeConsultation();
    const stranger = await scenario.fullPatient();
    const strangersFile = await upload(stranger.client, PNG, 'cudzy.png', 'image/png');

    // Another patient's file id: files answers NOT_FOUND for it, as for a file that does not exist.
    expect(await share(patientPage, id, strangersFile.id, 'foreign')).toMatchObject({
      type: 'error',
      code: 'NOT_FOUND',
    });
    expect(await share(patientPage, id, '7b0c6a4e-1f5a-4c39-9a43-0a6e0f6f1d2b', 'missing')).toMatchObject({
      code: 'NOT_FOUND',
    });
    // The doctor cannot share the patient's file (nor any other); a stranger does not reach the consultation.
    expect(await share(doctorPage, id, file.id, 'doctor')).toMatchObject({ type: 'error', code: 'FORBIDDEN' });
    const strangerPage = await open(stranger.client.accessToken!);
    expect(await share(strangerPage, id, strangersFile.id, 'intruder')).toMatchObject({ code: 'NOT_FOUND' });

    // Control characters and oversized ids are not frames of the protocol.
    for (const [clientMessageId, fileId] of [
      ['ctl1', `${file.id}\u0000`],
      ['ctl2', `\u001b[2J${file.id}`],
      ['big', 'a'.repeat(10_000)],
    ]) {
      patientPage.send({ type: 'share_file', consultationId: id, clientMessageId, fileId });
      expect(await patientPage.next((frame) => frame.type === 'error')).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    patientPage.send({ type: 'share_file', consultationId: id, clientMessageId: 'x\u0000y', fileId: file.id });
    expect(await patientPage.next((frame) => frame.type === 'error')).toMatchObject({ code: 'VALIDATION_FAILED' });

    expect(await transcript(patient.client, id)).toEqual([]);
    expect((await doctor.get(`/api/doctor/online/consultations/${id}`)).body.sharedFiles).toEqual([]);
  });

  it('shares one file once: 20 concurrent share_file frames give one entry, every ack its seq', async () => {
    const { patient, id, file, patientPage, doctorPage } = await activeConsultation();
    // Four pages of the patient, five frames each (a page may send ten a second).
    const pages = [patientPage, ...(await Promise.all([1, 2, 3].map(() => open(patient.client.accessToken!))))];
    const acks = await Promise.all(
      pages.flatMap((page, p) => Array.from({ length: 5 }, (_, i) => share(page, id, file.id, `race-${p}-${i}`))),
    );
    expect(acks.map((ack) => ack.type)).toEqual(Array(20).fill('ack'));
    expect(new Set(acks.map((ack) => (ack as Ack).seq))).toEqual(new Set([1]));

    // A later share of the same file is the same entry; another file is the next seq.
    expect(await share(patientPage, id, file.id, 'again')).toMatchObject({ type: 'ack', seq: 1 });
    const second = await upload(patient.client, PNG, 'drugi.png', 'image/png');
    expect(await share(patientPage, id, second.id, 'second')).toMatchObject({ type: 'ack', seq: 2 });

    const messages = await transcript(patient.client, id);
    expect(messages.map((message) => [message.seq, message.file?.fileId])).toEqual([
      [1, file.id],
      [2, second.id],
    ]);
    const view = await doctor.get<OnlineConsultationView>(`/api/doctor/online/consultations/${id}`);
    expect(view.body.sharedFiles.map((shared) => shared.fileId)).toEqual([file.id, second.id]);
    await eventually(async () => doctorPage.messages(id).length === 2);
    expect(doctorPage.messages(id).map((message) => message.seq)).toEqual([1, 2]);
  });

  it('answers 404 SHARED_FILE_GONE for a file the patient deleted after sharing it, and logs no read', async () => {
    const { patient, id, file, patientPage } = await activeConsultation();
    expect(await share(patientPage, id, file.id, 'gone')).toMatchObject({ type: 'ack' });
    expect((await patient.client.call('DELETE', `/api/files/${file.id}`)).status).toBe(204);
    const response = await content(doctor, id, file.id);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'SHARED_FILE_GONE' });
    expect((await patient.client.get<FileAccessView[]>('/api/files/access-log')).body).toEqual([]);
    // The transcript still says it was shared.
    expect((await transcript(patient.client, id))[0]).toMatchObject({ kind: 'file', file: { fileId: file.id } });
  });
});
