import type { PrescriptionStatus, RefundLevel, RenewalStatus } from '@pacjent/contracts';
import type { Lang } from '../../i18n/lang';

const pl = {
  title: 'Leki',
  basicLocked: 'Leki i e-Recepty widzi tylko konto z potwierdzoną tożsamością.',
  myMedicines: 'Moje leki',
  myMedicinesIntro: 'Leki przepisane w ostatnich 12 miesiącach. Zaznacz te, które chcesz odnowić.',
  noMedicines: 'Nie masz leków przepisanych w ostatnich 12 miesiącach.',
  lastDosage: 'Dawkowanie',
  lastPrescribed: 'Ostatnio przepisany',
  pending: 'Czeka na decyzję lekarza',
  notRenewable: 'Tego leku nie można zamówić online — umów wizytę.',
  note: 'Wiadomość do lekarza (opcjonalnie)',
  order: 'Zamów e-Receptę',
  ordered: 'Prośba wysłana do lekarza.',
  prescriptions: 'e-Recepty',
  noPrescriptions: 'Nie masz jeszcze e-Recept.',
  code: 'Kod dostępu',
  peselHint: 'W aptece podaj ten kod i swój numer PESEL.',
  validity: (from: string, until: string) => `Ważna od ${from} do ${until}`,
  download: 'Pobierz PDF',
  quantity: (packs: number) => `${packs} op.`,
  noSubstitution: 'nie zamieniać',
  renewals: 'Prośby o e-Receptę',
  declined: 'Odmowa',
  status: {
    active: 'aktywna',
    expired: 'wygasła',
    dispensed: 'zrealizowana',
  } satisfies Record<PrescriptionStatus, string>,
  renewalStatus: {
    pending: 'czeka',
    approved: 'wystawiona',
    declined: 'odrzucona',
  } satisfies Record<RenewalStatus, string>,
  refund: { '100%': '100%', '50%': '50%', '30%': '30%', R: 'ryczałt', B: 'bezpłatny' } satisfies Record<
    RefundLevel,
    string
  >,
};

export type MedicinesTexts = typeof pl;

const en: MedicinesTexts = {
  title: 'Medicines',
  basicLocked: 'Medicines and e-prescriptions are shown to accounts with a confirmed identity only.',
  myMedicines: 'My medicines',
  myMedicinesIntro: 'Medicines prescribed in the last 12 months. Tick the ones you want renewed.',
  noMedicines: 'No medicines were prescribed to you in the last 12 months.',
  lastDosage: 'Dosage',
  lastPrescribed: 'Last prescribed',
  pending: 'Waiting for the doctor',
  notRenewable: 'This medicine cannot be ordered online — book a visit.',
  note: 'Message to the doctor (optional)',
  order: 'Order an e-prescription',
  ordered: 'Your request was sent to the doctor.',
  prescriptions: 'E-prescriptions',
  noPrescriptions: 'You have no e-prescriptions yet.',
  code: 'Access code',
  peselHint: 'At the pharmacy give this code and your PESEL number.',
  validity: (from, until) => `Valid from ${from} to ${until}`,
  download: 'Download PDF',
  quantity: (packs) => `${packs} pack${packs === 1 ? '' : 's'}`,
  noSubstitution: 'no substitution',
  renewals: 'E-prescription requests',
  declined: 'Declined',
  status: { active: 'active', expired: 'expired', dispensed: 'dispensed' },
  renewalStatus: { pending: 'waiting', approved: 'issued', declined: 'declined' },
  refund: { '100%': '100%', '50%': '50%', '30%': '30%', R: 'flat rate', B: 'free' },
};

export const medicinesTexts = (lang: Lang): MedicinesTexts => (lang === 'en' ? en : pl);

const WARSAW_DAY = new Intl.DateTimeFormat('pl-PL', {
  timeZone: 'Europe/Warsaw',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** A date (2026-03-03) or an instant as its Warsaw day, written 03.03.2026. */
export const formatDay = (value: string) =>
  value.length === 10 ? value.split('-').reverse().join('.') : WARSAW_DAY.format(new Date(value));
