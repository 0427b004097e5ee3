import { Subjects } from '@pacjent/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { busPermissions, deploymentNatsConfig, requestSubjects } from './bus-permissions';

describe('bus permissions', () => {
  const permissions = busPermissions('pacjent');

  it('is what deploy/nats/nats-server.conf says (regenerate it with `npm run nats:config`)', () => {
    const deployed = readFileSync(join(__dirname, '../../../deploy/nats/nats-server.conf'), 'utf8');
    expect(deployed).toBe(deploymentNatsConfig('pacjent'));
  });

  it('lets only the gateway send the requests that carry a patient’s actor', () => {
    const gateway = new Set(permissions.gateway.publish.allow);
    for (const subject of [Subjects.booking.createAppointment, Subjects.identity.me, Subjects.files.list]) {
      expect(gateway.has(`pacjent.${subject}`)).toBe(true);
      for (const service of ['identity', 'booking', 'files', 'prescriptions', 'consultations'] as const) {
        expect(permissions[service].publish.allow ?? []).not.toContain(`pacjent.${subject}`);
      }
    }
  });

  it('gives the gateway every request subject but the service-to-service ones and the events', () => {
    const fanout = `pacjent.${Subjects.gateway.realtimePrefix}.>`;
    const gateway = permissions.gateway.publish.allow!.filter(
      (subject) => subject.startsWith('pacjent.') && subject !== fanout,
    );
    expect(permissions.gateway.publish.allow).toContain(fanout);
    const internal = [
      Subjects.consultations.reserveReferralSession,
      Subjects.consultations.releaseReferralSession,
      Subjects.booking.appointmentAccessCheck,
      Subjects.booking.doctorPatientRelation,
      Subjects.identity.resolvePatientByPesel,
      Subjects.identity.recordPatient,
      Subjects.files.assignLabDocument,
      Subjects.booking.doctorVisitFacts,
      Subjects.identity.doctorPatientSummaries,
      Subjects.prescriptions.checkVisitPrescriptions,
      Subjects.identity.renewalPatientSummaries,
      Subjects.booking.doctorLastVisits,
      Subjects.booking.doctorStanding,
      Subjects.booking.doctorProfile,
      Subjects.booking.onlineSpecialtyServices,
      Subjects.files.shareableFile,
      Subjects.consultations.onlineSharedFile,
    ];
    // The console's patient card: the gateway writes staff's reads to the access log itself.
    expect(gateway).toContain(`pacjent.${Subjects.identity.logRecordAccess}`);
    expect(gateway.sort()).toEqual(
      requestSubjects()
        .filter((subject) => !internal.includes(subject as (typeof internal)[number]))
        .map((subject) => `pacjent.${subject}`)
        .sort(),
    );
    expect(gateway).not.toContain(`pacjent.${Subjects.booking.notificationEvent}`);
    expect(gateway).not.toContain(`pacjent.${Subjects.identity.sessionRevoked}`);
  });

  it('lets a service and the gateway share a subject the gateway asks too (gatewayToo)', () => {
    const listAppointments = `pacjent.${Subjects.booking.listAppointments}`;
    expect(permissions.gateway.publish.allow).toContain(listAppointments);
    expect(permissions.consultations.publish.allow).toContain(listAppointments);
    expect(permissions.prescriptions.publish.allow).not.toContain(listAppointments);
  });

  it('lets only consultations ask prescriptions to check a visit’s medicines, and prescriptions read its stream', () => {
    const check = `pacjent.${Subjects.prescriptions.checkVisitPrescriptions}`;
    expect(permissions.consultations.publish.allow).toContain(check);
    expect(permissions.gateway.publish.allow).not.toContain(check);
    expect(permissions.booking.publish.allow).not.toContain(check);
    const prescriptionsEvent = `pacjent.${Subjects.consultations.visitPrescriptionsEvent}`;
    expect(permissions.consultations.publish.allow).toContain(prescriptionsEvent);
    expect(permissions.prescriptions.publish.allow).not.toContain(prescriptionsEvent);
    expect(permissions.prescriptions.publish.allow).toEqual(
      expect.arrayContaining([
        '$JS.ACK.PACJENT_CONSULTATIONS_EVENTS.>',
        '$JS.API.CONSUMER.DURABLE.CREATE.PACJENT_CONSULTATIONS_EVENTS.>',
      ]),
    );
  });

  it('lets only consultations write the chat stream and announce queue changes, and the gateways read both', () => {
    const chat = `pacjent.${Subjects.consultations.onlineChatPrefix}.>`;
    const changed = `pacjent.${Subjects.consultations.onlineChanged}`;
    expect(permissions.consultations.publish.allow).toEqual(expect.arrayContaining([chat, changed]));
    expect(permissions.gateway.subscribe.allow).toEqual(expect.arrayContaining([chat, changed]));
    expect(permissions.gateway.publish.allow).not.toContain(chat);
    expect(permissions.gateway.publish.allow).not.toContain(changed);
    for (const service of ['identity', 'booking', 'files', 'prescriptions'] as const) {
      expect(permissions[service].publish.allow ?? []).not.toContain(chat);
      expect(permissions[service].subscribe.allow).not.toContain(`pacjent.${Subjects.gateway.realtimePrefix}.>`);
    }
  });

  it('lets only consultations ask files about a file to share, and only files ask consultations for the grant', () => {
    const shareable = `pacjent.${Subjects.files.shareableFile}`;
    const grant = `pacjent.${Subjects.consultations.onlineSharedFile}`;
    expect(permissions.consultations.publish.allow).toContain(shareable);
    expect(permissions.files.publish.allow).toContain(grant);
    // The gateway asks neither: a page cannot name the file's details nor vouch for a doctor's grant.
    expect(permissions.gateway.publish.allow).not.toContain(shareable);
    expect(permissions.gateway.publish.allow).not.toContain(grant);
    expect(permissions.gateway.publish.allow).toEqual(
      expect.arrayContaining([
        `pacjent.${Subjects.consultations.shareFile}`,
        `pacjent.${Subjects.files.doctorLocateShared}`,
      ]),
    );
  });

  it('lets only identity broadcast ended sessions, and the gateway hear them', () => {
    const revoked = `pacjent.${Subjects.identity.sessionRevoked}`;
    expect(permissions.gateway.subscribe.allow).toContain(revoked);
    for (const service of ['booking', 'files', 'prescriptions', 'consultations'] as const) {
      expect(permissions[service].publish.allow ?? []).not.toContain(revoked);
    }
  });

  it('lets each service listen only on its own subjects and publish only replies and its listed calls', () => {
    expect(permissions.identity).toEqual({
      publish: {
        allow: [`pacjent.${Subjects.booking.doctorPatientRelation}`, `pacjent.${Subjects.identity.sessionRevoked}`],
      },
      subscribe: { allow: ['pacjent.identity.>', '_INBOX.>'] },
      allowResponses: true,
    });
    expect(permissions.files.publish.allow).toEqual([
      `pacjent.${Subjects.booking.appointmentAccessCheck}`,
      `pacjent.${Subjects.consultations.onlineSharedFile}`,
    ]);
    expect(permissions.booking.publish.allow).toEqual(
      expect.arrayContaining([
        `pacjent.${Subjects.consultations.reserveReferralSession}`,
        `pacjent.${Subjects.consultations.releaseReferralSession}`,
        `pacjent.${Subjects.booking.notificationEvent}`,
      ]),
    );
    expect(
      permissions.booking.publish.allow!.filter(
        (s) => s.startsWith('pacjent.identity') || s.startsWith('pacjent.files'),
      ),
    ).toEqual([`pacjent.${Subjects.identity.doctorPatientSummaries}`]);
  });
});
