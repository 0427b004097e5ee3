import type { ResultFlag } from '@pacjent/contracts';
import type { Lang } from '../../i18n/lang';

/** The results page's wording (Polish first), kept beside the page. */
const pl = {
  title: 'Wyniki badań',
  locked: 'Potwierdź swoją tożsamość, aby oglądać historię leczenia i wyniki badań.',
  lockedLink: 'Potwierdź tożsamość',
  empty: 'Nie masz jeszcze wyników badań.',
  loading: 'Wczytywanie wyników…',
  parameter: 'Badanie',
  value: 'Wynik',
  range: 'Zakres referencyjny',
  flag: 'Ocena',
  chart: 'Wykres',
  showChart: (name: string) => `Pokaż wykres: ${name}`,
  chartOf: (name: string, unit: string) => `${name} (${unit}) we wszystkich Twoich wynikach`,
  chartLabel: (name: string, count: number) => `Wykres: ${name}, ${count} pomiarów`,
  band: 'zakres referencyjny',
  flags: { low: 'Poniżej normy', high: 'Powyżej normy', normal: 'W normie' } satisfies Record<ResultFlag, string>,
  laboratory: 'Laboratorium',
  pdf: 'Pobierz PDF z laboratorium',
  exportFhir: 'Pobierz moją dokumentację (FHIR)',
  more: 'Pokaż starsze wyniki',
  abnormal: (n: number) => (n === 0 ? 'wszystkie w normie' : n === 1 ? '1 wynik poza normą' : `${n} wyniki poza normą`),
};

const en: typeof pl = {
  title: 'Test results',
  locked: 'Confirm your identity to see your treatment history and test results.',
  lockedLink: 'Confirm your identity',
  empty: 'You have no test results yet.',
  loading: 'Loading results…',
  parameter: 'Test',
  value: 'Result',
  range: 'Reference range',
  flag: 'Assessment',
  chart: 'Chart',
  showChart: (name) => `Show chart: ${name}`,
  chartOf: (name, unit) => `${name} (${unit}) across all your results`,
  chartLabel: (name, count) => `Chart: ${name}, ${count} measurements`,
  band: 'reference range',
  flags: { low: 'Below range', high: 'Above range', normal: 'In range' },
  laboratory: 'Laboratory',
  pdf: "Download the lab's PDF",
  exportFhir: 'Download my records (FHIR)',
  more: 'Show older results',
  abnormal: (n) => (n === 0 ? 'all in range' : n === 1 ? '1 result out of range' : `${n} results out of range`),
};

export const resultsTexts = (lang: Lang) => (lang === 'pl' ? pl : en);
