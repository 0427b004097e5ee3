import type { Lang } from '../i18n/lang';
import { localeOf } from '../i18n/lang';

/**
 * What a full account unlocks. The portal promises only what it has a page or
 * flow for: when the page for results, e-prescriptions, referrals,
 * recommendations or online consultations lands, add its entry to
 * AVAILABLE_FEATURES (and its `path`), and the dashboard, the identity page and
 * the booking hints start offering it — one list, one place.
 */
export type FullAccountFeature =
  | 'remoteVisits'
  | 'files'
  | 'unlimitedBookings'
  | 'consultations'
  | 'results'
  | 'prescriptions'
  | 'referrals'
  | 'recommendations';

/** The features this portal build offers, in the order they are named. */
export const AVAILABLE_FEATURES: readonly FullAccountFeature[] = [
  'remoteVisits',
  'consultations',
  'results',
  'prescriptions',
  'referrals',
  'recommendations',
  'files',
  'unlimitedBookings',
];

/** Where each feature lives in the portal, once it has a page. */
export const FEATURE_PATHS: Partial<Record<FullAccountFeature, string>> = {
  files: '/files',
  consultations: '/online',
  results: '/results',
  prescriptions: '/medicines',
  referrals: '/referrals',
  recommendations: '/record',
};

export function hasFeature(feature: FullAccountFeature): boolean {
  return AVAILABLE_FEATURES.includes(feature);
}

const NAMES: Record<Lang, Record<FullAccountFeature, string>> = {
  pl: {
    remoteVisits: 'rezerwacji konsultacji telefonicznych i wideo',
    files: 'przesyłania plików dla lekarza',
    unlimitedBookings: 'rezerwacji bez limitu',
    consultations: 'konsultacji online',
    results: 'wyników badań',
    prescriptions: 'e-Recept',
    referrals: 'skierowań',
    recommendations: 'zaleceń',
  },
  en: {
    remoteVisits: 'booking phone and video consultations',
    files: 'sending files to your doctor',
    unlimitedBookings: 'bookings without a limit',
    consultations: 'online consultations',
    results: 'test results',
    prescriptions: 'e-prescriptions',
    referrals: 'referrals',
    recommendations: 'recommendations',
  },
};

/** "rezerwacji konsultacji…, przesyłania plików… i rezerwacji bez limitu": the available features as one phrase. */
export function availableFeaturesPhrase(lang: Lang): string {
  return new Intl.ListFormat(localeOf(lang), { style: 'long', type: 'conjunction' }).format(
    AVAILABLE_FEATURES.map((feature) => NAMES[lang][feature]),
  );
}
