import type {
  DoctorDutyView,
  OnlineConfigView,
  OnlineConsultationView,
  OnlineForm,
  DoctorDayAppointmentView,
  DoctorPatientRecordView,
  DoctorQuestionView,
  Icd10View,
  QuestionView,
  VisitOutcomeView,
  Channel,
  ContactRequestStatus,
  CreatedScheduleTemplateView,
  DoctorView,
  FacilityView,
  ContactRequestView,
  MeView,
  PatientDetailView,
  PatientSummaryView,
  ScheduleTemplateRemoval,
  ServiceView,
  StaffChannel,
  ApproveRenewalDto,
  DoctorRenewalView,
  MedicineView,
  PrescriptionView,
  RenewalRequestView,
  VisitPrescriptionLineDto,
  RenewalStatus,
  ScheduleTemplateListItem,
  StaffPatientActivityView,
} from '@pacjent/contracts';

/** A failed call: the gateway's problem+json `code` and `detail`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fields: string[] = [],
  ) {
    super(detail || code);
  }
}

let accessToken: string | null = null;

async function call<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Brak połączenia z serwerem.');
  }
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (parsed ?? {}) as { code?: string; detail?: string; errors?: Array<{ field: string }> };
    throw new ApiError(
      response.status,
      problem.code ?? 'UNKNOWN',
      problem.detail ?? '',
      (problem.errors ?? []).map((e) => e.field),
    );
  }
  return parsed as T;
}

/** On a 401 the session is refreshed once (refresh cookie) and the call retried. */
async function authorized<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<T> {
  try {
    return await call<T>(method, path, body, headers);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401 || !(await refresh())) throw error;
    return call<T>(method, path, body, headers);
  }
}

/** The token the realtime socket authenticates with. */
export function currentAccessToken(): string | null {
  return accessToken;
}

const tokenListeners = new Set<() => void>();

/** Every new access token (after a refresh), e.g. to re-authenticate the realtime socket. */
export function onAccessToken(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

/** What "Zakończ" sends: the same outcome as completing a visit. */
export interface VisitOutcomeInput {
  notes: string;
  diagnoses: string[];
  recommendations: string;
  referrals: Array<{ kind: 'specialist' | 'test' | 'rehabilitation'; serviceId: string; sessionsTotal?: number }>;
  /** Visits only: the e-prescriptions issued with the outcome. */
  prescriptions?: VisitPrescriptionLineDto[];
}

const onlinePath = (id: string) => `/api/doctor/online/consultations/${encodeURIComponent(id)}`;

export async function refresh(): Promise<boolean> {
  try {
    accessToken = (await call<{ accessToken: string }>('POST', '/api/auth/refresh')).accessToken;
    tokenListeners.forEach((listener) => listener());
    return true;
  } catch {
    accessToken = null;
    return false;
  }
}

export const consoleApi = {
  async login(email: string, password: string): Promise<void> {
    accessToken = (await call<{ accessToken: string }>('POST', '/api/auth/login', { email, password })).accessToken;
  },
  async logout(): Promise<void> {
    try {
      await call('POST', '/api/auth/logout');
    } finally {
      accessToken = null;
    }
  },
  me: () => authorized<MeView>('GET', '/api/me'),
  searchPatients: (query: string) =>
    authorized<PatientSummaryView[]>('GET', `/api/staff/patients?query=${encodeURIComponent(query)}`),
  patient: (id: string) => authorized<PatientDetailView>('GET', `/api/staff/patients/${encodeURIComponent(id)}`),
  patientActivity: (id: string) =>
    authorized<StaffPatientActivityView>('GET', `/api/staff/patients/${encodeURIComponent(id)}/activity`),
  confirm: (
    id: string,
    form: { channel: StaffChannel; documentType: string; documentNumberLast4: string; note?: string },
  ) =>
    authorized<PatientDetailView>('POST', `/api/staff/patients/${encodeURIComponent(id)}/identity-confirmation`, form),
  contactRequests: (status: ContactRequestStatus) =>
    authorized<ContactRequestView[]>('GET', `/api/staff/contact-requests?status=${status}`),
  resolve: (
    id: string,
    body: {
      outcome: 'confirmed' | 'rejected' | 'unreachable';
      reason?: string;
      documentType?: string;
      documentNumberLast4?: string;
    },
  ) => authorized<ContactRequestView>('POST', `/api/staff/contact-requests/${encodeURIComponent(id)}/resolve`, body),
  doctors: () => authorized<DoctorView[]>('GET', '/api/catalog/doctors'),
  services: () => authorized<ServiceView[]>('GET', '/api/catalog/services'),
  facilities: () => authorized<FacilityView[]>('GET', '/api/catalog/facilities'),
  schedules: (doctorId: string) =>
    authorized<ScheduleTemplateListItem[]>('GET', `/api/staff/schedules?doctorId=${encodeURIComponent(doctorId)}`),
  createSchedule: (template: {
    doctorId: string;
    serviceId: string;
    facilityId?: string;
    channel: Channel;
    weekday: number;
    startsAt: string;
    endsAt: string;
    slotMinutes: number;
  }) => authorized<CreatedScheduleTemplateView>('POST', '/api/staff/schedules', template),
  deleteSchedule: (id: string) =>
    authorized<ScheduleTemplateRemoval>('DELETE', `/api/staff/schedules/${encodeURIComponent(id)}`),
  renewals: (status: RenewalStatus) => authorized<DoctorRenewalView[]>('GET', `/api/doctor/renewals?status=${status}`),
  approveRenewal: (id: string, body: ApproveRenewalDto) =>
    authorized<PrescriptionView>('POST', `/api/doctor/renewals/${encodeURIComponent(id)}/approve`, body),
  declineRenewal: (id: string, reason: string) =>
    authorized<RenewalRequestView>('POST', `/api/doctor/renewals/${encodeURIComponent(id)}/decline`, { reason }),
  doctorDay: (date: string) =>
    authorized<DoctorDayAppointmentView[]>('GET', `/api/doctor/appointments?date=${encodeURIComponent(date)}`),
  searchMedicines: (query: string) =>
    authorized<MedicineView[]>('GET', `/api/catalog/medicines?q=${encodeURIComponent(query)}`),
  icd10: (query: string) => authorized<Icd10View[]>('GET', `/api/doctor/icd10?q=${encodeURIComponent(query)}`),
  /** One Idempotency-Key per outcome form: a retry after a lost answer gets the same outcome, not 409. */
  completeVisit: (id: string, outcome: VisitOutcomeInput, idempotencyKey: string) =>
    authorized<VisitOutcomeView>('POST', `/api/doctor/appointments/${encodeURIComponent(id)}/complete`, outcome, {
      'Idempotency-Key': idempotencyKey,
    }),
  noShow: (id: string) =>
    authorized<VisitOutcomeView>('POST', `/api/doctor/appointments/${encodeURIComponent(id)}/no-show`),
  patientRecord: (patientId: string) =>
    authorized<DoctorPatientRecordView>('GET', `/api/doctor/patients/${encodeURIComponent(patientId)}/record`),
  doctorQuestions: () => authorized<DoctorQuestionView[]>('GET', '/api/doctor/questions?status=open'),
  answerQuestion: (id: string, text: string) =>
    authorized<QuestionView>('POST', `/api/doctor/questions/${encodeURIComponent(id)}/answer`, { text }),
  onlineDuty: () => authorized<DoctorDutyView>('GET', '/api/doctor/online/duty'),
  goOnDuty: (specialties: string[], forms: OnlineForm[]) =>
    authorized<DoctorDutyView>('PUT', '/api/doctor/online/duty', { specialties, forms }),
  goOffDuty: () => authorized<DoctorDutyView>('DELETE', '/api/doctor/online/duty'),
  onlineQueue: () => authorized<OnlineConsultationView[]>('GET', '/api/doctor/online/queue'),
  takeNext: () => authorized<OnlineConsultationView>('POST', '/api/doctor/online/take-next'),
  onlineConsultation: (id: string) => authorized<OnlineConsultationView>('GET', onlinePath(id)),
  endOnline: (id: string, outcome: VisitOutcomeInput) => authorized<unknown>('POST', `${onlinePath(id)}/end`, outcome),
  onlineConfig: () => authorized<OnlineConfigView>('GET', '/api/online/config'),
  /** Opens a file the patient shared in the consultation, in a new tab (the token goes in a header). */
  async openSharedFile(consultationId: string, fileId: string): Promise<void> {
    const path = `${onlinePath(consultationId)}/files/${encodeURIComponent(fileId)}/content`;
    let response = await fetch(path, { headers: { Authorization: `Bearer ${accessToken ?? ''}` } });
    if (response.status === 401 && (await refresh())) {
      response = await fetch(path, { headers: { Authorization: `Bearer ${accessToken ?? ''}` } });
    }
    if (!response.ok) {
      // The problem's code tells "deleted since sharing" (SHARED_FILE_GONE) from any other refusal.
      const problem = (await response.json().catch(() => ({}))) as { code?: string };
      throw new ApiError(response.status, problem.code ?? 'FILE_UNAVAILABLE', 'Nie udało się otworzyć pliku.');
    }
    const url = URL.createObjectURL(await response.blob());
    window.open(url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};
