import type { Lang } from '../../i18n/lang';

/** The identity-confirmation pages' wording (Polish first), kept beside the pages. */
const pl = {
  confirmTitle: 'Potwierdź tożsamość',
  /** `features`: the available ones only (lib/features.ts). */
  intro: (features: string) => `Konto pełne daje dostęp do ${features}. Wystarczy jednorazowo potwierdzić tożsamość.`,
  alreadyFull: 'Twoja tożsamość jest potwierdzona — masz konto pełne.',
  bankHeading: 'Przez bank (online, osoby pełnoletnie)',
  bankText:
    'Zalogujesz się w swoim banku, a bank przekaże nam Twoje imię, nazwisko, PESEL i datę urodzenia. Nie poznajemy Twojego hasła do banku.',
  bankChoice: 'Wybierz bank',
  sandboxBank: 'Bank Testowy (środowisko testowe)',
  bankStart: 'Potwierdź przez bank',
  redirecting: 'Przekierowanie do banku…',
  otherHeading: 'Inne sposoby',
  callCenter: 'Telefonicznie: zadzwoń na infolinię 22 100 00 00 (pn.–pt. 8:00–20:00). Przygotuj dokument tożsamości.',
  facility: 'W placówce: przyjdź z dokumentem tożsamości. To jedyny sposób dla osób niepełnoletnich.',
  contactForm: 'Formularz kontaktowy: zostaw dane, a konsultant oddzwoni i potwierdzi Twoją tożsamość.',
  contactLink: 'Wypełnij formularz kontaktowy',
  latestRefused: 'Ostatnia próba potwierdzenia nie powiodła się:',
  resultTitle: 'Wynik potwierdzenia tożsamości',
  confirmed: 'Gotowe! Twoja tożsamość została potwierdzona. Masz teraz konto pełne.',
  failed: 'Nie udało się potwierdzić tożsamości. Twoje konto pozostaje podstawowe.',
  tryAgain: 'Spróbuj ponownie lub wybierz inny sposób',
  toDashboard: 'Przejdź do strony głównej',
  codes: {
    UNDERAGE:
      'Przez bank tożsamość mogą potwierdzić tylko osoby pełnoletnie. Osoba niepełnoletnia może to zrobić w placówce.',
    PESEL_MISMATCH:
      'PESEL przekazany przez bank jest inny niż PESEL podany w Twoim koncie. Sprawdź dane lub potwierdź tożsamość w placówce.',
    IDENTITY_ALREADY_USED:
      'Ta osoba ma już potwierdzoną tożsamość na innym koncie. Jedna osoba może mieć jedno konto pełne — skontaktuj się z infolinią.',
    ALREADY_VERIFIED: 'Twoja tożsamość jest już potwierdzona.',
    BANK_DENIED: 'Logowanie w banku zostało przerwane albo nie wyrażono zgody na przekazanie danych.',
    BANK_ERROR: 'Bank nie odpowiedział poprawnie. Spróbuj ponownie za chwilę.',
    INVALID_ID_TOKEN:
      'Odpowiedź banku nie przeszła naszych kontroli bezpieczeństwa, więc jej nie przyjęliśmy. Spróbuj ponownie.',
    ATTEMPT_INVALID: 'Ta próba potwierdzenia wygasła lub została już wykorzystana. Rozpocznij potwierdzanie od nowa.',
    REJECTED: 'Konsultant nie potwierdził Twojej tożsamości.',
    BANK_SESSION_MISMATCH:
      'Powrót z banku nastąpił w innej przeglądarce niż ta, w której rozpoczęto potwierdzanie, więc nic nie zmieniliśmy na żadnym koncie. Jeśli to Ty, rozpocznij potwierdzanie od nowa w tej przeglądarce. Jeśli ktoś przesłał Ci link do banku — nie korzystaj z niego.',
    FACILITY_REQUIRED:
      'Bez numeru PESEL na koncie albo dla osoby niepełnoletniej tożsamość można potwierdzić tylko w placówce, z dokumentem tożsamości.',
    UNREACHABLE:
      'Konsultant nie zdołał się do Ciebie dodzwonić, więc zamknął zgłoszenie. Wyślij formularz ponownie albo zadzwoń na infolinię.',
    unknown: 'Wystąpił nieoczekiwany problem.',
  } as Record<string, string>,
  staffReason: 'Powód podany przez konsultanta:',
  decidedOn: (date: string) => `Decyzja z ${date}.`,
  bankReturned: (name: string, birthDate: string) => `Bank przekazał: ${name}, data urodzenia ${birthDate}.`,
  nameChanged: (from: string, to: string) =>
    `Imię i nazwisko na koncie zmieniliśmy z „${from}” na „${to}” — tak, jak podał bank. Konsultanci nadal znajdą Cię także po danych podanych przy rejestracji.`,
  contactScope:
    'Przez formularz konsultant potwierdzi tożsamość pełnoletniej osoby, która ma numer PESEL: oddzwoni na podany numer i poprosi o dane z dokumentu. Bez numeru PESEL (np. z paszportem) albo dla osoby niepełnoletniej tożsamość można potwierdzić tylko w placówce.',
  contactNoPesel:
    'Bez numeru PESEL konsultant nie potwierdzi Twojej tożsamości przez telefon — zrobisz to tylko w placówce, z dokumentem tożsamości. Zgłoszenie możesz wysłać, jeśli potrzebujesz pomocy.',
  phoneInvalid: 'Podaj poprawny numer telefonu, np. +48 600 100 200 — konsultant oddzwoni na ten numer.',
  peselInvalid: 'Numer PESEL jest nieprawidłowy. Sprawdź go albo zostaw pole puste.',
  required: 'To pole jest wymagane.',
  sentNoPesel: 'Pamiętaj: bez numeru PESEL tożsamość potwierdzisz tylko w placówce.',
  contactTitle: 'Formularz kontaktowy — potwierdzenie tożsamości',
  contactIntro: 'Konsultant oddzwoni na podany numer i poprosi o dane z dokumentu tożsamości.',
  name: 'Imię i nazwisko',
  email: 'E-mail podany przy zakładaniu konta',
  phone: 'Numer telefonu',
  pesel: 'PESEL',
  optional: 'opcjonalnie',
  message: 'Wiadomość',
  send: 'Wyślij',
  sending: 'Wysyłanie…',
  sent: 'Dziękujemy! Zgłoszenie trafiło do konsultantów. Oddzwonimy najszybciej, jak to możliwe.',
  historyTitle: 'Historia dostępu',
  historyIntro: 'Kto i kiedy potwierdzał Twoją tożsamość lub przeglądał dane Twojego konta.',
  historyEmpty: 'Nikt jeszcze nie korzystał z Twoich danych.',
  when: 'Kiedy',
  who: 'Kto',
  what: 'Co',
  bank: 'Bank',
  staff: 'Konsultant',
  doctor: 'Lekarz',
  actions: {
    'identity.confirmed': 'Potwierdzenie tożsamości',
    'identity.refused': 'Odmowa potwierdzenia tożsamości',
    'patient.viewed': 'Wgląd w dane konta',
    'record.viewed': 'Wgląd w historię leczenia',
  } as Record<string, string>,
  methods: {
    bank: 'przez bank',
    call_center: 'telefonicznie',
    facility: 'w placówce',
    contact_form: 'formularz kontaktowy',
  } as Record<string, string>,
  loading: 'Wczytywanie…',
};

export type VerificationTexts = typeof pl;

const en: VerificationTexts = {
  confirmTitle: 'Confirm your identity',
  intro: (features: string) => `A full account gives you ${features}. You confirm your identity once.`,
  alreadyFull: 'Your identity is confirmed — you have a full account.',
  bankHeading: 'Through your bank (online, adults only)',
  bankText:
    'You log in at your bank, and the bank sends us your name, PESEL and date of birth. We never see your bank password.',
  bankChoice: 'Choose your bank',
  sandboxBank: 'Test Bank (sandbox)',
  bankStart: 'Confirm through the bank',
  redirecting: 'Taking you to the bank…',
  otherHeading: 'Other ways',
  callCenter: 'By phone: call 22 100 00 00 (Mon–Fri 8:00–20:00). Have your ID document at hand.',
  facility: 'At a facility: come with your ID document. This is the only way for minors.',
  contactForm: 'Contact form: leave your details and a consultant will call you back to confirm your identity.',
  contactLink: 'Fill in the contact form',
  latestRefused: 'Your last attempt to confirm your identity failed:',
  resultTitle: 'Identity confirmation result',
  confirmed: 'Done! Your identity is confirmed. You now have a full account.',
  failed: 'Your identity could not be confirmed. Your account stays basic.',
  tryAgain: 'Try again or choose another way',
  toDashboard: 'Go to the home page',
  codes: {
    UNDERAGE: 'Only adults can confirm their identity through a bank. A minor can do it at a facility.',
    PESEL_MISMATCH:
      'The PESEL your bank sent differs from the PESEL on your account. Check your details or confirm at a facility.',
    IDENTITY_ALREADY_USED:
      'This person is already confirmed on another account. One person can have one full account — please call us.',
    ALREADY_VERIFIED: 'Your identity is already confirmed.',
    BANK_DENIED: 'The bank login was cancelled or you did not agree to share your data.',
    BANK_ERROR: 'The bank did not answer properly. Please try again shortly.',
    INVALID_ID_TOKEN: "The bank's answer failed our security checks, so we did not accept it. Please try again.",
    ATTEMPT_INVALID: 'This confirmation attempt has expired or was already used. Please start again.',
    REJECTED: 'A consultant did not confirm your identity.',
    BANK_SESSION_MISMATCH:
      'You came back from the bank in a different browser from the one where the confirmation started, so nothing was changed on any account. If it was you, start again in this browser. If someone sent you a bank link, do not use it.',
    FACILITY_REQUIRED:
      'Without a PESEL on the account, or for a minor, identity can be confirmed only at a facility, with an ID document.',
    UNREACHABLE: 'A consultant could not reach you by phone and closed the request. Send the form again or call us.',
    unknown: 'Something unexpected went wrong.',
  },
  staffReason: "The consultant's reason:",
  decidedOn: (date: string) => `Decided on ${date}.`,
  bankReturned: (name: string, birthDate: string) => `Your bank sent: ${name}, born ${birthDate}.`,
  nameChanged: (from: string, to: string) =>
    `We changed the name on your account from “${from}” to “${to}”, as your bank gave it. Consultants can still find you by the name you registered with.`,
  contactScope:
    'Through this form a consultant confirms the identity of an adult who has a PESEL: they call you back and ask for your ID document details. Without a PESEL (e.g. with a passport) or for a minor, identity can be confirmed only at a facility.',
  contactNoPesel:
    'Without a PESEL a consultant cannot confirm your identity by phone — only a facility can, with your ID document. You may still send the request if you need help.',
  phoneInvalid: 'Enter a valid phone number, e.g. +48 600 100 200 — the consultant calls you back on it.',
  peselInvalid: 'This PESEL is not valid. Check it or leave the field empty.',
  required: 'This field is required.',
  sentNoPesel: 'Remember: without a PESEL you can confirm your identity only at a facility.',
  contactTitle: 'Contact form — identity confirmation',
  contactIntro: 'A consultant will call you back and ask for the details of your ID document.',
  name: 'Full name',
  email: 'The email of your account',
  phone: 'Phone number',
  pesel: 'PESEL',
  optional: 'optional',
  message: 'Message',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Thank you! Your request is with our consultants. We will call you back as soon as we can.',
  historyTitle: 'Access history',
  historyIntro: 'Who confirmed your identity or looked at your account, and when.',
  historyEmpty: 'Nobody has accessed your data yet.',
  when: 'When',
  who: 'Who',
  what: 'What',
  bank: 'Bank',
  staff: 'Consultant',
  doctor: 'Doctor',
  actions: {
    'identity.confirmed': 'Identity confirmed',
    'identity.refused': 'Identity confirmation refused',
    'patient.viewed': 'Account data viewed',
  },
  methods: {
    bank: 'through the bank',
    call_center: 'by phone',
    facility: 'at a facility',
    contact_form: 'contact form',
  },
  loading: 'Loading…',
};

export const verificationTexts = (lang: Lang): VerificationTexts => (lang === 'en' ? en : pl);

export function explainCode(texts: VerificationTexts, code: string | null): string {
  return (code && texts.codes[code]) || texts.codes.unknown!;
}
