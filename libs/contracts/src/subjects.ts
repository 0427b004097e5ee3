/**
 * The bus API: every NATS subject, declared once. Services subscribe and the
 * gateway requests through the platform, which prefixes them with BUS_PREFIX
 * (so parallel test runs on one NATS server never see each other).
 */
export const ServiceName = {
  IDENTITY: 'identity',
  BOOKING: 'booking',
  FILES: 'files',
  PRESCRIPTIONS: 'prescriptions',
  CONSULTATIONS: 'consultations',
} as const;
export type ServiceName = (typeof ServiceName)[keyof typeof ServiceName];
export const ALL_SERVICES: readonly ServiceName[] = Object.values(ServiceName);

export const healthSubject = (service: ServiceName): string => `${service}.health`;

export const Subjects = {
  identity: {
    health: healthSubject('identity'),
    register: 'identity.accounts.register',
    login: 'identity.auth.login',
    refresh: 'identity.auth.refresh',
    logout: 'identity.auth.logout',
    me: 'identity.accounts.me',
    /** "Moje konto": the caller's personal data and consents (AccountDetailsView). */
    accountDetails: 'identity.accounts.details',
    changePassword: 'identity.accounts.change-password',
    changePhone: 'identity.accounts.change-phone',
    /** Public: e-mails a reset link when the address has an account; answers the same either way. */
    requestPasswordReset: 'identity.password-reset.request',
    completePasswordReset: 'identity.password-reset.complete',
    jwks: 'identity.keys.jwks',
    startBankVerification: 'identity.verification.bank.start',
    completeBankVerification: 'identity.verification.bank.complete',
    verificationStatus: 'identity.verification.status',
    accessHistory: 'identity.verification.access-history',
    searchPatients: 'identity.staff.patients.search',
    getPatient: 'identity.staff.patients.get',
    confirmIdentity: 'identity.staff.patients.confirm',
    createContactRequest: 'identity.contact-requests.create',
    listContactRequests: 'identity.staff.contact-requests.list',
    resolveContactRequest: 'identity.staff.contact-requests.resolve',
    /** An event (core NATS publish, every gateway replica reads it): SessionRevocation. */
    sessionRevoked: 'identity.events.session-revoked',
    /** Sessions ended within the access-token lifetime, asked by a gateway on start and after a reconnect. */
    recentSessionRevocations: 'identity.sessions.revocations.recent',
    /** Asked by consultations with a lab actor: the confirmed account holding a PESEL (results.ts). */
    resolvePatientByPesel: 'identity.lab.patients.resolve',
    /** Asked by consultations with the patient's actor: their confirmed identity, for the FHIR export. */
    recordPatient: 'identity.record.patient',
    /** Asked by booking with a doctor's actor (record.ts PatientSummariesDto). */
    doctorPatientSummaries: 'identity.doctor.patients.summaries',
    /**
     * Asked by prescriptions only (bus permissions) with the doctor's actor: the
     * patients of the doctor's renewal queue (PatientSummariesDto → PatientSummary[]).
     * Prescriptions decided they are the doctor's to see; booking's visit relation may not cover them.
     */
    renewalPatientSummaries: 'identity.prescriptions.patients.summaries',
    /** Asked by consultations with the reading doctor's actor (record.ts RecordAccessDto). */
    logRecordAccess: 'identity.record-access.log',
  },
  booking: {
    health: healthSubject('booking'),
    listServices: 'booking.catalog.services.list',
    listCities: 'booking.catalog.cities.list',
    listFacilities: 'booking.catalog.facilities.list',
    listDoctors: 'booking.catalog.doctors.list',
    searchSlots: 'booking.slots.search',
    createAppointment: 'booking.appointments.create',
    listAppointments: 'booking.appointments.list',
    getAppointment: 'booking.appointments.get',
    cancelAppointment: 'booking.appointments.cancel',
    rescheduleAppointment: 'booking.appointments.reschedule',
    appointmentCalendar: 'booking.appointments.calendar',
    staffCreateAppointment: 'booking.staff.appointments.create',
    /** The patient card in the console: one patient's visits, asked with a staff actor (staff-patients.ts). */
    staffPatientAppointments: 'booking.staff.patients.appointments',
    listScheduleTemplates: 'booking.staff.schedules.list',
    createScheduleTemplate: 'booking.staff.schedules.create',
    deleteScheduleTemplate: 'booking.staff.schedules.delete',
    createSlotAlert: 'booking.alerts.create',
    listSlotAlerts: 'booking.alerts.list',
    deleteSlotAlert: 'booking.alerts.delete',
    listNotifications: 'booking.notifications.list',
    /** An event (publish/subscribe, not request/reply): NotificationEvent. */
    notificationEvent: 'booking.events.notification',
    appointmentAccessCheck: 'booking.appointments.accessCheck',
    /** Asked by other services with a doctor actor (see relations.ts). */
    doctorPatientRelation: 'booking.relations.doctor-patient',
    /** Asked by consultations with the doctor's actor (record.ts DoctorVisitFacts). */
    doctorVisitFacts: 'booking.doctor.visits.facts',
    doctorDay: 'booking.doctor.appointments.day',
    /** Asked by prescriptions with the doctor's actor: each patient's last visit with that doctor (DoctorLastVisit[]). */
    doctorLastVisits: 'booking.doctor.patients.last-visits',
    /** Asked by prescriptions only: whether doctor accounts still work here, and their specialties (DoctorStanding[]). */
    doctorStanding: 'booking.doctors.standing',
    /** Asked by consultations with the doctor's actor (online-consultations.ts DoctorProfile). */
    doctorProfile: 'booking.doctor.profile',
    /** Asked by consultations: the consultation services offered by phone or video, by specialty. */
    onlineSpecialtyServices: 'booking.catalog.online-specialties',
  },
  files: {
    health: healthSubject('files'),
    reserveUpload: 'files.uploads.reserve',
    completeUpload: 'files.uploads.complete',
    abortUpload: 'files.uploads.abort',
    list: 'files.files.list',
    locateContent: 'files.content.locate',
    delete: 'files.files.delete',
    attach: 'files.attachments.attach',
    detach: 'files.attachments.detach',
    doctorList: 'files.doctor.list',
    doctorLocate: 'files.doctor.locate',
    /** The patient card in the console: one patient's files as staff see them (StaffFileView). */
    staffPatientFiles: 'files.staff.patients.list',
    accessLog: 'files.access.list',
    reserveLabDocument: 'files.lab-documents.reserve',
    assignLabDocument: 'files.lab-documents.assign',
    locateLabDocument: 'files.lab-documents.locate',
    /** Asked by consultations with the patient's actor before a share_file: the patient's own stored file (ShareableFile). */
    shareableFile: 'files.online.shareable',
    /** The doctor of an online consultation reads a file shared there (FileContentLocation; ADR 0019). */
    doctorLocateShared: 'files.doctor.online.locate',
  },
  prescriptions: {
    health: healthSubject('prescriptions'),
    searchMedicines: 'prescriptions.catalog.medicines.search',
    issue: 'prescriptions.doctor.prescriptions.issue',
    /** Asked by consultations with the doctor's actor before it stores a visit outcome that prescribes (CheckVisitPrescriptionsDto). */
    checkVisitPrescriptions: 'prescriptions.doctor.visit-prescriptions.check',
    listPrescriptions: 'prescriptions.prescriptions.list',
    getPrescription: 'prescriptions.prescriptions.get',
    listMedicines: 'prescriptions.medicines.list',
    requestRenewal: 'prescriptions.renewals.request',
    listRenewals: 'prescriptions.renewals.list',
    doctorListRenewals: 'prescriptions.doctor.renewals.list',
    approveRenewal: 'prescriptions.doctor.renewals.approve',
    declineRenewal: 'prescriptions.doctor.renewals.decline',
    /** An event (JetStream, prescriptions' stream): RenewalDecidedEvent. Booking turns it into the patient's notification. */
    renewalDecidedEvent: 'prescriptions.events.renewal-decided',
  },
  consultations: {
    health: healthSubject('consultations'),
    /** Answered by consultations, asked by booking (see referrals.ts). */
    reserveReferralSession: 'consultations.referrals.sessions.reserve',
    releaseReferralSession: 'consultations.referrals.sessions.release',
    submitLabResults: 'consultations.results.submit',
    listResults: 'consultations.results.list',
    getResult: 'consultations.results.get',
    parameterSeries: 'consultations.results.parameter-series',
    exportRecord: 'consultations.record.export',
    resultDocument: 'consultations.results.document',
    completeVisit: 'consultations.visits.complete',
    markNoShow: 'consultations.visits.no-show',
    searchIcd10: 'consultations.icd10.search',
    listReferrals: 'consultations.referrals.list',
    listRecordVisits: 'consultations.record.visits.list',
    getRecordVisit: 'consultations.record.visits.get',
    askQuestion: 'consultations.questions.ask',
    listQuestions: 'consultations.questions.list',
    doctorListQuestions: 'consultations.doctor.questions.list',
    answerQuestion: 'consultations.doctor.questions.answer',
    /** An event (JetStream, consultations' stream): VisitOutcomeEvent. Booking consumes it. */
    visitOutcomeEvent: 'consultations.events.visit-outcome',
    /** An event (JetStream, consultations' stream): VisitPrescriptionsEvent. Prescriptions consumes it. */
    visitPrescriptionsEvent: 'consultations.events.visit-prescriptions',
    doctorPatientRecord: 'consultations.doctor.patients.record',
    /** Events (JetStream, consultations' stream): ResultAvailableEvent, QuestionAnsweredEvent. Booking turns them into notifications. */
    resultAvailableEvent: 'consultations.events.result-available',
    questionAnsweredEvent: 'consultations.events.question-answered',
    // Online consultations (online-consultations.ts): the patient's side…
    onlineSpecialties: 'consultations.online.specialties',
    onlineFallbackSlots: 'consultations.online.fallback-slots',
    startOnline: 'consultations.online.start',
    getOnline: 'consultations.online.get',
    leaveOnline: 'consultations.online.leave',
    onlineMessages: 'consultations.online.messages',
    // …the doctor's…
    onlineDuty: 'consultations.doctor.online.duty.get',
    goOnDuty: 'consultations.doctor.online.duty.start',
    goOffDuty: 'consultations.doctor.online.duty.end',
    onlineQueue: 'consultations.doctor.online.queue',
    takeNextOnline: 'consultations.doctor.online.take-next',
    doctorGetOnline: 'consultations.doctor.online.get',
    endOnline: 'consultations.doctor.online.end',
    // …and the gateway's real-time edge, for either participant.
    onlineAccess: 'consultations.online.access',
    sendChatMessage: 'consultations.online.chat.send',
    recordCallEvent: 'consultations.online.call',
    /** The patient shares one of their files in the consultation (ShareFileCommand → ChatMessageStored). */
    shareFile: 'consultations.online.file.share',
    /** Asked by files with the doctor's actor: was this file shared in the doctor's consultation (OnlineSharedFileGrant). */
    onlineSharedFile: 'consultations.online.file.grant',
    onlinePresence: 'consultations.online.presence',
    /** A core NATS broadcast (every gateway replica reads it): OnlineQueueChanged. */
    onlineChanged: 'consultations.online-events.changed',
    /**
     * Chat messages (ChatMessageView), one subject per consultation under this prefix: published to the
     * JetStream stream OnlineChatStream through consultations' outbox; gateways read them live.
     */
    onlineChatPrefix: 'consultations.chat',
  },
  /** Between gateway replicas (core NATS): WebRTC signals to a user's pages, wherever they are connected. */
  gateway: {
    realtimePrefix: 'gateway.realtime',
  },
} as const;

/**
 * JetStream streams, by the service that creates them (its outbox relay
 * publishes there; one stream under every bus prefix, which is the first
 * subject token). The gateway reads booking's to push notifications.
 */
/** The chat stream: consultations' outbox publishes every transcript entry here (msgID = outbox id). */
export const OnlineChatStream = 'PACJENT_ONLINE_CHAT';
export const onlineChatSubject = (consultationId: string): string =>
  `${Subjects.consultations.onlineChatPrefix}.${consultationId}`;
export const realtimeUserSubject = (userId: string): string => `${Subjects.gateway.realtimePrefix}.${userId}`;

export const EventStreams = {
  booking: 'PACJENT_BOOKING_EVENTS',
  consultations: 'PACJENT_CONSULTATIONS_EVENTS',
  prescriptions: 'PACJENT_PRESCRIPTIONS_EVENTS',
} as const;

export interface HealthReply {
  service: ServiceName;
  status: 'ok';
  /** Process uptime in seconds. */
  uptime: number;
}
