export type Lang = 'pl' | 'en';

export const DEFAULT_LANG: Lang = 'pl';

export function isLang(value: unknown): value is Lang {
  return value === 'pl' || value === 'en';
}

/** The locale used for dates and numbers in each UI language. */
export function localeOf(lang: Lang): string {
  return lang === 'pl' ? 'pl-PL' : 'en-GB';
}
