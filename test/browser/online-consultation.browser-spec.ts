import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { dateYearsAgo, peselBornOn } from '../e2e/verification-support';
import { browserSuite } from '../support/browser';
import { doctorOnDuty, joinQueue, patientAtOnline, staffConfirmedPatient } from '../support/online-browser';

/*
 * In-page code is written as strings: the tests' TypeScript has no DOM types.
 *
 * Every RTCPeerConnection the page makes, kept in window.peers where the test
 * can read its connectionState (the app keeps its own private).
 */
const RECORD_PEER_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  window.peers = [];
  window.RTCPeerConnection = class extends Native {
    constructor(configuration) {
      super(configuration);
      window.peers.push(this);
    }
  };
})()`;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const connectedPeers = (page: Page): Promise<number> =>
  page.evaluate(`window.peers.filter((peer) => peer.connectionState === 'connected').length`);

const REMOTE_VIDEO = `document.querySelector('[data-testid="online-remote-video"]')`;

/** The remote <video> shows the other side's camera: it has a size and new frames keep arriving. */
async function remoteVideoPlays(page: Page): Promise<{ width: number; frames: number }> {
  // Polled with evaluate (CDP): waitForFunction evaluates its string inside the page, which the CSP forbids.
  const deadline = Date.now() + 15_000;
  while (!(await page.evaluate(`!!${REMOTE_VIDEO} && ${REMOTE_VIDEO}.videoWidth > 0`))) {
    if (Date.now() > deadline) throw new Error('the remote video shows nothing');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return page.evaluate(`(async () => {
    const video = ${REMOTE_VIDEO};
    let frames = 0;
    await new Promise((resolve) => {
      const count = () => {
        frames += 1;
        if (frames >= 5) resolve();
        else video.requestVideoFrameCallback(count);
      };
      video.requestVideoFrameCallback(count);
    });
    return { width: video.videoWidth, frames };
  })()`);
}

/** What each page's socket heard besides chat (signals, errors, closes): shown when the call does not connect. */
function recordSocket(page: Page, heard: string[]): void {
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => {
      const text = String(frame.payload);
      if (/"type":"(signal|error)"/.test(text)) heard.push(text.slice(0, 80));
    });
    socket.on('close', () => heard.push('closed'));
  });
}

async function callConnected(page: Page, heard: string[]): Promise<void> {
  try {
    await page.locator('[data-testid="online-call"][data-call-state="connected"]').waitFor({ timeout: 30_000 });
  } catch (error) {
    const state = await page.getByTestId('online-call').getAttribute('data-call-state');
    const peers = await page.evaluate(
      `window.peers.map((peer) => peer.connectionState + '/' + peer.signalingState + '/' + peer.iceConnectionState)`,
    );
    throw new Error(`call ${state}, peers ${JSON.stringify(peers)}, heard ${JSON.stringify(heard)}: ${error}`);
  }
}

async function axeViolations(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => ({ where, rule: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Konsultacje online in two browsers: the patient's portal and the doctor's console, talking by chat and video. */
describe('online consultation in the browser (patient and doctor)', () => {
  const suite = browserSuite({ console: true, fakeMedia: true, pagePer: 'suite', timeoutMs: 15_000 });

  it('queues by video, the doctor takes it, both chat and see each other, the doctor ends with a recommendation and the patient finds it in the history', async () => {
    // A full account as staff confirm one: the doctor sees the confirmed name and age.
    const patientAccount = await staffConfirmedPatient(suite.stack.baseUrl, {
      firstName: 'Ewa',
      lastName: 'Wideo',
      pesel: peselBornOn(dateYearsAgo(40)),
    });
    // A document in "Twoje pliki" to share in the consultation (a token with the full level: log in again).
    const login = await patientAccount.client.post('/api/auth/login', {
      email: patientAccount.email,
      password: patientAccount.password,
    });
    const form = new FormData();
    form.append('description', 'Wynik badania krwi');
    form.append('consent', 'true');
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'morfologia.pdf');
    const uploaded = await fetch(`${suite.stack.baseUrl}/api/files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.body.accessToken}` },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const violations: unknown[] = [];

    // The doctor goes on duty for internal medicine, by video, in the console.
    const doctor = await suite.otherPage();
    await doctor.addInitScript(RECORD_PEER_CONNECTIONS);
    const doctorHeard: string[] = [];
    recordSocket(doctor, doctorHeard);
    await doctorOnDuty(doctor, suite.stack.baseUrl);
    violations.push(...(await axeViolations(doctor, 'console: duty and queue')));

    // The patient sees the doctor on duty, starts, chooses video and waits first in the queue.
    const patient = suite.page;
    await patient.addInitScript(RECORD_PEER_CONNECTIONS);
    const patientHeard: string[] = [];
    recordSocket(patient, patientHeard);
    await patientAtOnline(patient, suite.stack.baseUrl, patientAccount);
    violations.push(...(await axeViolations(patient, 'portal: specialties')));
    await joinQueue(patient, 'video');
    await patient.locator('[data-testid="online-position"][data-position="1"]').waitFor();
    await expect(patient.getByTestId('online-position').textContent()).resolves.toContain('Twoje miejsce w kolejce: 1');
    violations.push(...(await axeViolations(patient, 'portal: waiting room')));

    // The doctor's queue shows the patient live; "Weź następnego" opens the session.
    await doctor.getByTestId('online-queue-entry').filter({ hasText: 'Ewa Wideo (40 l.)' }).waitFor();
    await doctor.getByTestId('online-take-next').click();
    await expect(doctor.getByTestId('online-session-patient').textContent()).resolves.toBe('Ewa Wideo');
    await doctor.getByTestId('patient-record').waitFor();

    // The video call connects both ways.
    await patient.getByTestId('online-session').waitFor();
    await callConnected(doctor, doctorHeard);
    await callConnected(patient, patientHeard);
    expect(await connectedPeers(doctor)).toBe(1);
    expect(await connectedPeers(patient)).toBe(1);
    const seenByPatient = await remoteVideoPlays(patient);
    const seenByDoctor = await remoteVideoPlays(doctor);
    expect(seenByPatient.width).toBeGreaterThan(0);
    expect(seenByPatient.frames).toBe(5);
    expect(seenByDoctor.width).toBeGreaterThan(0);
    expect(seenByDoctor.frames).toBe(5);

    // Chat both ways, with the counter of what is left.
    await patient.getByTestId('online-chat-text').fill('Dzień dobry, od wczoraj boli mnie gardło.');
    await expect(patient.getByTestId('online-chat-left').textContent()).resolves.toBe('Pozostało znaków: 1959');
    await patient.getByTestId('online-chat-send').click();
    await doctor
      .locator('[data-testid="online-message"][data-author="patient"]', { hasText: 'od wczoraj boli mnie gardło' })
      .waitFor();
    await doctor.getByTestId('online-chat-text').fill('Proszę pokazać gardło do kamery.');
    await doctor.getByTestId('online-chat-send').click();
    await patient
      .locator('[data-testid="online-message"][data-author="doctor"]', { hasText: 'Proszę pokazać gardło do kamery.' })
      .waitFor();
    // The patient shares the file; the doctor sees it among the shared files and opens it.
    await patient.getByTestId('online-share').click();
    await patient.getByTestId('online-message').filter({ hasText: 'Udostępniono plik: morfologia.pdf' }).waitFor();
    const sharedFile = doctor.getByTestId('online-shared-file').filter({ hasText: 'morfologia.pdf' });
    await sharedFile.waitFor();
    const [opened] = await Promise.all([
      doctor.waitForResponse((response) => /\/files\/[0-9a-f-]+\/content$/.test(response.url())),
      sharedFile.getByTestId('online-open-file').click(),
    ]);
    // The bytes themselves are compared in online-shared-files.e2e-spec (CDP keeps no body of an attachment).
    expect(opened.status()).toBe(200);
    expect(await opened.allHeaders()).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(PDF.length),
    });
    violations.push(...(await axeViolations(patient, 'portal: session')));
    violations.push(...(await axeViolations(doctor, 'console: session')));

    // The doctor ends it with a recommendation.
    await doctor.getByTestId('online-end').click();
    await doctor.getByTestId('outcome-recommendations').fill('Płukanie gardła szałwią 3 razy dziennie.');
    await doctor.getByTestId('outcome-submit').click();
    await doctor.getByTestId('online-session-ended').waitFor();

    // The patient sees the end, the recommendation, and then the transcript in "Twoja historia".
    await expect(patient.getByTestId('online-ended-recommendations').textContent()).resolves.toBe(
      'Płukanie gardła szałwią 3 razy dziennie.',
    );
    violations.push(...(await axeViolations(patient, 'portal: ended')));
    await patient.getByTestId('online-to-history').click();
    const entryInHistory = patient.locator('[data-testid="record-visit"]', {
      has: patient.getByTestId('record-visit-online'),
    });
    await expect(entryInHistory.getByTestId('record-visit-recommendations').textContent()).resolves.toBe(
      'Płukanie gardła szałwią 3 razy dziennie.',
    );
    const transcript = entryInHistory.getByTestId('online-message');
    await expect(transcript.allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        expect.stringContaining('Dzień dobry, od wczoraj boli mnie gardło.'),
        expect.stringContaining('Proszę pokazać gardło do kamery.'),
      ]),
    );
    violations.push(...(await axeViolations(patient, 'portal: history')));

    expect(violations).toEqual([]);
  }, 120_000);
});
