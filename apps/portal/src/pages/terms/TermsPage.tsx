import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/I18nProvider';
import type { Lang } from '../../i18n/lang';

/** The portal's terms as the portal applies them (each point is a rule the services enforce). */
const TERMS: Record<Lang, { title: string; points: string[] }> = {
  pl: {
    title: 'Regulamin Portalu Pacjenta',
    points: [
      'Konto zakłada osoba pełnoletnia, podając adres e-mail, hasło (co najmniej 10 znaków), imię i nazwisko.',
      'Konto podstawowe pozwala mieć jednocześnie do 10 zarezerwowanych usług. Konto pełne, po potwierdzeniu tożsamości, znosi ten limit i otwiera usługi dostępne tylko dla niego.',
      'Wizytę umówioną w portalu możesz odwołać lub przenieść w portalu, dopóki się nie zaczęła. Wizytę umówioną telefonicznie lub w placówce odwołasz tą samą drogą.',
      'Usługi ze skierowaniem (np. rehabilitację) zarezerwujesz z ważnym skierowaniem od lekarza naszej sieci.',
      'Pliki dla lekarza (JPG, PNG, PDF, do 8 MB, najwyżej 5 naraz) przechowujemy 3 miesiące, potem usuwamy je automatycznie. Widzisz, który lekarz je oglądał.',
      'Twoje dane przetwarzamy, aby umawiać i prowadzić Twoje wizyty; każdy dostęp personelu do Twoich danych zapisujemy w historii dostępu.',
    ],
  },
  en: {
    title: 'Patient Portal terms',
    points: [
      'An adult opens an account with an e-mail address, a password (at least 10 characters), a first and a last name.',
      'A basic account may hold up to 10 booked services at a time. A full account, after confirming your identity, lifts that limit and opens the services only it may book.',
      'A visit booked in the portal can be cancelled or moved in the portal until it starts. A visit booked by phone or at a facility is cancelled the same way.',
      'Services that need a referral (such as rehabilitation) are booked with a valid referral from one of our doctors.',
      'Files for your doctor (JPG, PNG, PDF, up to 8 MB, at most 5 at a time) are kept for 3 months and then deleted automatically. You see which doctor viewed them.',
      'We process your data to book and provide your visits; every access by staff to your data is recorded in the access history.',
    ],
  },
};

/** "Regulamin": open to everybody, linked from the registration form. */
export function TermsPage() {
  const { lang } = useI18n();
  const terms = TERMS[lang];
  return (
    <div className="page card card--narrow" data-testid="terms-page">
      <PageHeading>{terms.title}</PageHeading>
      <ol className="terms">
        {terms.points.map((point) => (
          <li key={point}>{point}</li>
        ))}
      </ol>
    </div>
  );
}
