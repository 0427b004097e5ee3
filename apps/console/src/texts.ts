import { ApiError } from './api';

/** The console's wording (Polish; staff work in Polish). */
export const t = {
  appName: 'Konsola konsultanta',
  loginTitle: 'Logowanie konsultanta',
  email: 'E-mail',
  password: 'Hasło',
  login: 'Zaloguj',
  logout: 'Wyloguj',
  notStaff: 'To konto nie ma uprawnień konsultanta. Pacjenci logują się w Portalu Pacjenta.',
  patients: 'Pacjenci',
  queue: 'Formularz kontaktowy',
  searchLabel: 'E-mail, PESEL lub imię i nazwisko',
  search: 'Szukaj',
  noResults: 'Nie znaleziono pacjentów.',
  open: 'Otwórz',
  basic: 'Konto podstawowe',
  full: 'Konto pełne',
  phone: 'Telefon',
  pesel: 'PESEL',
  birthDate: 'Data urodzenia',
  history: 'Historia potwierdzeń',
  noHistory: 'Brak prób potwierdzenia.',
  confirmed: 'potwierdzono',
  refused: 'odmowa',
  confirmTitle: 'Potwierdź tożsamość',
  channel: 'Kanał',
  channels: { call_center: 'Infolinia', facility: 'Placówka', contact_form: 'Formularz kontaktowy' } as Record<
    string,
    string
  >,
  methods: {
    bank: 'Bank',
    call_center: 'Infolinia',
    facility: 'Placówka',
    contact_form: 'Formularz kontaktowy',
  } as Record<string, string>,
  documentType: 'Rodzaj dokumentu',
  documents: { id_card: 'Dowód osobisty', passport: 'Paszport', residence_card: 'Karta pobytu' } as Record<
    string,
    string
  >,
  last4: 'Ostatnie 4 znaki numeru dokumentu',
  note: 'Notatka (opcjonalnie)',
  confirm: 'Potwierdź tożsamość',
  confirmedNow: 'Tożsamość potwierdzona. Konto jest pełne.',
  status: 'Status',
  statuses: {
    open: 'Otwarte',
    confirmed: 'Potwierdzone',
    rejected: 'Odrzucone',
    unreachable: 'Brak kontaktu',
  } as Record<string, string>,
  queueEmpty: 'Brak zgłoszeń.',
  markConfirmed: 'Potwierdź',
  markRejected: 'Odrzuć',
  markUnreachable: 'Brak kontaktu',
  reason: 'Powód odrzucenia',
  save: 'Zapisz',
  cancel: 'Anuluj',
  noAccount: 'brak konta z tym e-mailem',
  loading: 'Wczytywanie…',
  by: 'przez',
  errors: {
    INVALID_CREDENTIALS: 'Nieprawidłowy e-mail lub hasło.',
    TOO_MANY_ATTEMPTS: 'Zbyt wiele prób logowania. Spróbuj później.',
    VALIDATION_FAILED: 'Sprawdź pola formularza.',
    FACILITY_REQUIRED: 'Tę osobę (niepełnoletnią lub bez numeru PESEL) można potwierdzić tylko w placówce.',
    IDENTITY_ALREADY_USED: 'Ta osoba ma już potwierdzoną tożsamość na innym koncie.',
    ALREADY_VERIFIED: 'To konto jest już potwierdzone.',
    CONTACT_REQUEST_RESOLVED: 'To zgłoszenie zostało już rozpatrzone.',
    NOT_FOUND: 'Nie znaleziono (np. brak konta z e-mailem ze zgłoszenia).',
    FORBIDDEN: 'Brak uprawnień.',
    NETWORK: 'Brak połączenia z serwerem.',
    UNKNOWN: 'Wystąpił nieoczekiwany błąd.',
  } as Record<string, string>,
};

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return t.errors[error.code] ?? (error.detail || t.errors.UNKNOWN!);
  return t.errors.UNKNOWN!;
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat('pl-PL', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Warsaw' }).format(
    new Date(iso),
  );
}
