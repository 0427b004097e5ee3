import { ALL_SERVICES, EventStreams, OnlineChatStream, Subjects, type ServiceName } from '@pacjent/contracts';

/**
 * Who may say what on the bus (issue 10, item 9). Every process connects as
 * its own NATS user (NATS_USER / NATS_PASSWORD); the NATS server refuses
 * whatever is not listed here, so a service cannot send a request carrying a
 * patient's `actor` unless it is the gateway or one of the few
 * service-to-service calls below, and cannot answer another service's
 * subjects. deploy/nats/nats-server.conf is generated from this file
 * (`npm run nats:config`); a unit test fails when the two drift apart.
 */

/** The processes that have a NATS user: the gateway and every service. */
export type BusUser = 'gateway' | ServiceName;
export const BUS_USERS: readonly BusUser[] = ['gateway', ...ALL_SERVICES];

/**
 * Requests one service sends another. Every other request subject is the
 * gateway's alone; a subject listed here is the services' alone unless
 * `gatewayToo` says the gateway asks it as well (for its own caller).
 */
export const SERVICE_CALLS: ReadonlyArray<{ from: ServiceName; subject: string; gatewayToo?: true }> = [
  { from: 'booking', subject: Subjects.consultations.reserveReferralSession },
  { from: 'booking', subject: Subjects.consultations.releaseReferralSession },
  { from: 'files', subject: Subjects.booking.appointmentAccessCheck },
  { from: 'prescriptions', subject: Subjects.booking.doctorPatientRelation },
  // The doctor's renewal queue: who asks (name, age, PESEL) and their last visit with this doctor.
  { from: 'prescriptions', subject: Subjects.identity.renewalPatientSummaries },
  { from: 'prescriptions', subject: Subjects.booking.doctorLastVisits },
  // Renewals: is the addressed doctor still here, else the pool of their specialty (ADR 0017).
  { from: 'prescriptions', subject: Subjects.booking.doctorStanding },
  { from: 'consultations', subject: Subjects.booking.doctorPatientRelation },
  // The FHIR export: the patient's own visits, asked with the patient's actor.
  { from: 'consultations', subject: Subjects.booking.listAppointments, gatewayToo: true },
  { from: 'consultations', subject: Subjects.identity.resolvePatientByPesel },
  { from: 'consultations', subject: Subjects.identity.recordPatient },
  { from: 'consultations', subject: Subjects.files.assignLabDocument },
  // The treatment record: a visit's facts and the doctor's relation from booking, the record-read audit in identity.
  { from: 'consultations', subject: Subjects.booking.doctorVisitFacts },
  { from: 'consultations', subject: Subjects.booking.listServices, gatewayToo: true },
  // The console's patient card (staff) logs its reads from the gateway.
  { from: 'consultations', subject: Subjects.identity.logRecordAccess, gatewayToo: true },
  // The FHIR export's MedicationRequests: the patient's own prescriptions, asked with the patient's actor.
  { from: 'consultations', subject: Subjects.prescriptions.listPrescriptions, gatewayToo: true },
  // Completing a visit that prescribes: would prescriptions issue its medicines (ADR 0017).
  { from: 'consultations', subject: Subjects.prescriptions.checkVisitPrescriptions },
  { from: 'identity', subject: Subjects.booking.doctorPatientRelation },
  // "Mój dzień": patients' names and ages for their doctor.
  { from: 'booking', subject: Subjects.identity.doctorPatientSummaries },
  // Online consultations: the doctor's specialties, the specialties offered remotely and, when nobody is on
  // duty, booking's free phone/video slots (the public search, asked as the gateway does).
  { from: 'consultations', subject: Subjects.booking.doctorProfile },
  { from: 'consultations', subject: Subjects.booking.onlineSpecialtyServices },
  { from: 'consultations', subject: Subjects.booking.searchSlots, gatewayToo: true },
  // A file shared in an online consultation (ADR 0019): consultations asks files whether it is the patient's
  // stored file; files asks consultations whether the doctor's consultation holds that file.
  { from: 'consultations', subject: Subjects.files.shareableFile },
  { from: 'files', subject: Subjects.consultations.onlineSharedFile },
];

/**
 * Core NATS broadcasts (no JetStream, no reply): the publishing service and
 * the processes that subscribe to them.
 */
export const BROADCASTS: ReadonlyArray<{ from: ServiceName; subject: string; readers: BusUser[] }> = [
  { from: 'identity', subject: Subjects.identity.sessionRevoked, readers: ['gateway'] },
  { from: 'consultations', subject: Subjects.consultations.onlineChanged, readers: ['gateway'] },
];

/**
 * Subject trees that are neither requests nor events: the chat messages every gateway reads live as
 * consultations' outbox publishes them into OnlineChatStream, and the gateways' own fan-out to each
 * other (WebRTC signals to a user's pages on whichever replica holds them).
 */
const CHAT_SUBJECTS = `${Subjects.consultations.onlineChatPrefix}.>`;
const GATEWAY_FANOUT = `${Subjects.gateway.realtimePrefix}.>`;
const SUBJECT_PREFIXES = new Set<string>([Subjects.consultations.onlineChatPrefix, Subjects.gateway.realtimePrefix]);

/** Events: published to JetStream by the service that owns them (through its outbox), never requested. */
export const EVENT_SUBJECTS: ReadonlyArray<{ from: ServiceName; subject: string; stream: string }> = [
  { from: 'booking', subject: Subjects.booking.notificationEvent, stream: EventStreams.booking },
  { from: 'consultations', subject: Subjects.consultations.visitOutcomeEvent, stream: EventStreams.consultations },
  {
    from: 'consultations',
    subject: Subjects.consultations.visitPrescriptionsEvent,
    stream: EventStreams.consultations,
  },
  { from: 'consultations', subject: Subjects.consultations.resultAvailableEvent, stream: EventStreams.consultations },
  { from: 'consultations', subject: Subjects.consultations.questionAnsweredEvent, stream: EventStreams.consultations },
  {
    from: 'prescriptions',
    subject: Subjects.prescriptions.renewalDecidedEvent,
    stream: EventStreams.prescriptions,
  },
];

/** Streams each service creates (and keeps), and the streams the gateway reads with its own consumers. */
const STREAMS_OWNED: Partial<Record<ServiceName, string[]>> = {
  booking: [EventStreams.booking],
  consultations: [EventStreams.consultations, OnlineChatStream],
  prescriptions: [EventStreams.prescriptions],
};
/**
 * Streams a service reads with its own durable consumer (acknowledging each
 * event); it may create the stream too, when it starts before the owner.
 */
const STREAMS_CONSUMED: Partial<Record<ServiceName, string[]>> = {
  booking: [EventStreams.consultations, EventStreams.prescriptions],
  prescriptions: [EventStreams.consultations],
};
const STREAMS_READ_BY_GATEWAY: string[] = [EventStreams.booking];

export interface BusUserPermissions {
  publish: { allow?: string[]; deny?: string[] };
  subscribe: { allow: string[] };
  /** May answer the requests it received (and only those: the reply subject of each). */
  allowResponses: boolean;
}

/** Every request subject of the bus API (events excluded). */
export function requestSubjects(): string[] {
  const events = new Set([...EVENT_SUBJECTS, ...BROADCASTS].map((event) => event.subject));
  return Object.values(Subjects)
    .flatMap((group) => Object.values(group) as string[])
    .filter((subject) => !events.has(subject) && !SUBJECT_PREFIXES.has(subject));
}

/** The JetStream API subjects a stream's owner needs: look it up, create it, update it, publish with acks. */
function streamOwnerApi(stream: string): string[] {
  return [
    '$JS.API.INFO',
    `$JS.API.STREAM.INFO.${stream}`,
    `$JS.API.STREAM.CREATE.${stream}`,
    `$JS.API.STREAM.UPDATE.${stream}`,
  ];
}

/** What an ephemeral pull consumer of one stream needs (create, read, delete it), and nothing that changes the stream. */
function streamReaderApi(stream: string): string[] {
  return [
    '$JS.API.INFO',
    `$JS.API.STREAM.INFO.${stream}`,
    `$JS.API.CONSUMER.CREATE.${stream}`,
    `$JS.API.CONSUMER.CREATE.${stream}.>`,
    `$JS.API.CONSUMER.INFO.${stream}.>`,
    `$JS.API.CONSUMER.DELETE.${stream}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.>`,
  ];
}

/** What a durable consumer with explicit acks needs: its consumer, its pulls and its acks. */
function durableConsumerApi(stream: string): string[] {
  return [
    ...streamOwnerApi(stream),
    `$JS.API.CONSUMER.CREATE.${stream}`,
    `$JS.API.CONSUMER.CREATE.${stream}.>`,
    `$JS.API.CONSUMER.DURABLE.CREATE.${stream}.>`,
    `$JS.API.CONSUMER.INFO.${stream}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.>`,
    `$JS.ACK.${stream}.>`,
  ];
}

const unique = (values: string[]): string[] => [...new Set(values)];

/** Each process's permissions for the bus prefix `prefix` (BUS_PREFIX). */
export function busPermissions(prefix: string): Record<BusUser, BusUserPermissions> {
  const full = (subject: string) => `${prefix}.${subject}`;
  const internal = new Set(SERVICE_CALLS.filter((call) => !call.gatewayToo).map((call) => call.subject));
  const broadcastsReadBy = (user: BusUser) =>
    BROADCASTS.filter((broadcast) => broadcast.readers.includes(user)).map((broadcast) => full(broadcast.subject));
  const gatewayRequests = requestSubjects().filter((subject) => !internal.has(subject));
  const permissions = {
    gateway: {
      publish: {
        allow: unique([
          ...gatewayRequests.map(full),
          ...STREAMS_READ_BY_GATEWAY.flatMap(streamReaderApi),
          full(GATEWAY_FANOUT),
        ]),
      },
      // Replies to its requests and the messages of its JetStream consumers arrive on its inboxes.
      subscribe: {
        allow: ['_INBOX.>', ...broadcastsReadBy('gateway'), full(CHAT_SUBJECTS), full(GATEWAY_FANOUT)],
      },
      allowResponses: false,
    },
  } as Record<BusUser, BusUserPermissions>;
  for (const service of ALL_SERVICES) {
    const calls = SERVICE_CALLS.filter((call) => call.from === service).map((call) => full(call.subject));
    const events = [
      ...EVENT_SUBJECTS.filter((event) => event.from === service).map((event) => full(event.subject)),
      ...(service === 'consultations' ? [full(CHAT_SUBJECTS)] : []),
    ];
    const broadcasts = BROADCASTS.filter((broadcast) => broadcast.from === service).map((b) => full(b.subject));
    const streams = [
      ...(STREAMS_OWNED[service] ?? []).flatMap(streamOwnerApi),
      ...(STREAMS_CONSUMED[service] ?? []).flatMap(durableConsumerApi),
    ];
    const publish = unique([...calls, ...events, ...broadcasts, ...streams]);
    // The inbox is where a requester (or a JetStream publisher) gets its answers.
    const inbox = calls.length > 0 || events.length > 0 || streams.length > 0 ? ['_INBOX.>'] : [];
    permissions[service] = {
      publish: publish.length > 0 ? { allow: publish } : { deny: ['>'] },
      subscribe: { allow: unique([full(`${service}.>`), ...inbox, ...broadcastsReadBy(service)]) },
      allowResponses: true,
    };
  }
  return permissions;
}

export interface NatsServerConfigOptions {
  /** BUS_PREFIX of the portal. */
  prefix: string;
  /**
   * Each user's password as it appears in the file: by default a reference to
   * an environment variable of the NATS server (`$NATS_GATEWAY_PASSWORD`, …);
   * a test passes literal passwords.
   */
  passwordOf?: (user: BusUser) => { literal: string } | { variable: string };
}

/** The environment variable holding a user's password in the NATS server's environment. */
export const passwordVariableOf = (user: BusUser): string => `NATS_${user.toUpperCase()}_PASSWORD`;

/** The `authorization` block of a nats-server configuration for these permissions. */
export function natsServerConfig(options: NatsServerConfigOptions): string {
  const passwordOf = options.passwordOf ?? ((user: BusUser) => ({ variable: passwordVariableOf(user) }));
  const list = (values: string[]) => `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
  const permissions = busPermissions(options.prefix);
  const users = BUS_USERS.map((user) => {
    const p = permissions[user];
    const password = passwordOf(user);
    const publish = p.publish.allow ? `allow: ${list(p.publish.allow)}` : `deny: ${list(p.publish.deny ?? [])}`;
    return [
      `    {`,
      `      user: ${JSON.stringify(user)}`,
      `      password: ${'literal' in password ? JSON.stringify(password.literal) : `$${password.variable}`}`,
      `      permissions: {`,
      `        publish: { ${publish} }`,
      `        subscribe: { allow: ${list(p.subscribe.allow)} }`,
      ...(p.allowResponses ? [`        allow_responses: true`] : []),
      `      }`,
      `    }`,
    ].join('\n');
  });
  return `authorization {\n  users = [\n${users.join('\n')}\n  ]\n}\n`;
}

/**
 * The whole nats-server configuration of a deployment (deploy/nats/nats-server.conf):
 * JetStream on disk with fsync on every write, monitoring on 8222, and the
 * users above with their passwords taken from the server's environment.
 */
export function deploymentNatsConfig(prefix = 'pacjent'): string {
  const variables = BUS_USERS.map(passwordVariableOf).join(', ');
  return [
    '# NATS for Pacjent: JetStream, monitoring, and one user per process with only the subjects it needs.',
    '# GENERATED from libs/platform/src/bus-permissions.ts by `npm run nats:config` (BUS_PREFIX=' +
      prefix +
      '): do not edit.',
    `# The server reads the passwords from its environment: ${variables}.`,
    '# Every process connects with NATS_USER (its name) and NATS_PASSWORD. See docs/security.md.',
    '',
    'http_port: 8222',
    '',
    'jetstream {',
    '  store_dir: /data',
    '  # An acknowledged event survives a power cut.',
    '  sync_interval: always',
    '}',
    '',
    natsServerConfig({ prefix }),
  ].join('\n');
}
