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
  schedules: 'Grafiki lekarzy',
  doctor: 'Lekarz',
  chooseDoctor: 'Wybierz lekarza',
  weekTitle: 'Tydzień pracy',
  noTemplates: 'Ten lekarz nie ma jeszcze grafiku.',
  addTemplate: 'Dodaj godziny pracy',
  weekday: 'Dzień tygodnia',
  weekdays: ['', 'Poniedziałek', 'Wtorek', 'Środa', 'Czwartek', 'Piątek', 'Sobota', 'Niedziela'],
  startsAt: 'Od godziny',
  endsAt: 'Do godziny',
  slotMinutes: 'Długość wizyty (min)',
  service: 'Usługa',
  visitChannel: 'Forma wizyty',
  visitChannels: {
    in_person: 'Wizyta stacjonarna',
    phone: 'Konsultacja telefoniczna',
    video: 'Konsultacja wideo',
  } as Record<string, string>,
  facilityLabel: 'Placówka',
  add: 'Dodaj',
  remove: 'Usuń',
  added: (slots: number) => `Dodano godziny pracy. Nowe terminy: ${slots}.`,
  removed: (removed: number, kept: number) =>
    `Usunięto godziny pracy. Usunięte wolne terminy: ${removed}. Zachowane terminy z umówioną wizytą: ${kept}.`,
  minutes: 'min',
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
    SCHEDULE_OVERLAP: 'Lekarz ma już w tym czasie inne godziny pracy w tym dniu tygodnia.',
    SCHEDULE_HOURS_INVALID:
      'Godzina zakończenia musi być późniejsza, a w tym czasie musi zmieścić się co najmniej jedna wizyta.',
    SCHEDULE_FACILITY_MISMATCH: 'Wizyta stacjonarna wymaga placówki; konsultacja telefoniczna lub wideo — nie.',
    SERVICE_NOT_OFFERED: 'Ten lekarz nie wykonuje tej usługi.',
    CHANNEL_NOT_SUPPORTED: 'Ta usługa nie jest dostępna w tej formie.',
    SCHEDULE_NOT_FOUND: 'Ten grafik został już usunięty.',
    DOCTOR_NOT_FOUND: 'Nie znaleziono lekarza.',
    SERVICE_NOT_FOUND: 'Nie znaleziono usługi.',
    FACILITY_NOT_FOUND: 'Nie znaleziono placówki.',
    NETWORK: 'Brak połączenia z serwerem.',
    RENEWAL_ALREADY_DECIDED: 'Ta prośba została już rozpatrzona.',
    PRESCRIPTION_VALIDITY_INVALID: 'Nieprawidłowy okres ważności recepty.',
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
