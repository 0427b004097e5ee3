import type { RealtimeServerFrame } from '@pacjent/contracts';
import type { Page } from 'playwright-core';
import { dateYearsAgo, peselBornOn } from '../e2e/verification-support';
import { browserSuite } from '../support/browser';
import { eventually } from '../support/record';
import { doctorOnDuty, joinQueue, patientAtOnline, staffConfirmedPatient } from '../support/online-browser';

/** Both pages ask again every 10 s: with the pushes lost, the news is on screen within this. */
const CATCH_UP_MS = 15_000;

/**
 * The page's realtime socket (`/api/realtime`) through the test, passing every frame but those of one
 * type from the gateway, as if core NATS had lost them; the dropped ones are kept in the list returned.
 */
async function dropPushes(page: Page, type: RealtimeServerFrame['type']): Promise<RealtimeServerFrame[]> {
  const dropped: RealtimeServerFrame[] = [];
  await page.routeWebSocket('**/api/realtime', (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as RealtimeServerFrame;
      if (frame.type === type) dropped.push(frame);
      else socket.send(message);
    });
  });
  return dropped;
}

/** A push lost on its way (core NATS does not resend it): both sides catch up by asking again. */
describe('lost queue pushes in the browser (patient and doctor)', () => {
  const suite = browserSuite({ console: true, pagePer: 'suite', timeoutMs: 15_000 });

  it('without a single queue push, the doctor still sees the waiting patient and the patient sees the doctor take it', async () => {
    const account = await staffConfirmedPatient(suite.stack.baseUrl, {
      firstName: 'Olga',
      lastName: 'Bezwieści',
      pesel: peselBornOn(dateYearsAgo(35)),
    });

    // The doctor on duty, with an empty queue on screen, hears no `doctor_queue` push.
    const doctor = await suite.otherPage();
    const droppedForDoctor = await dropPushes(doctor, 'doctor_queue');
    await doctorOnDuty(doctor, suite.stack.baseUrl);
    await doctor.locator('[data-testid="online-queue"][data-count="0"]').waitFor();

    // The patient queues by chat and hears no `consultation` push.
    const patient = suite.page;
    const droppedForPatient = await dropPushes(patient, 'consultation');
    await patientAtOnline(patient, suite.stack.baseUrl, account);
    await joinQueue(patient, 'chat');

    // Only the queue's refresh can show the patient to the doctor.
    await doctor.getByTestId('online-queue-entry').filter({ hasText: 'Olga Bezwieści (35 l.)' }).waitFor({
      timeout: CATCH_UP_MS,
    });
    await doctor.getByTestId('online-take-next').click();
    await expect(doctor.getByTestId('online-session-patient').textContent()).resolves.toBe('Olga Bezwieści');

    // Only the waiting room's refresh can tell the patient a doctor took the consultation.
    await patient.getByTestId('online-session').waitFor({ timeout: CATCH_UP_MS });
    await expect(patient.getByTestId('online-doctor-name').textContent()).resolves.toContain('Nowak');

    // The pushes with the news were sent, and lost: what the pages show came from the refreshes.
    await eventually(async () =>
      droppedForDoctor.some((frame) => frame.type === 'doctor_queue' && frame.waiting.length > 0),
    );
    await eventually(async () =>
      droppedForPatient.some((frame) => frame.type === 'consultation' && frame.consultation.status === 'active'),
    );
  }, 90_000);
});
