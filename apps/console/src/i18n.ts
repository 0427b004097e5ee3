import { useSyncExternalStore } from 'react';

/**
 * The console's languages, as in the portal (apps/portal/src/i18n): typed
 * dictionaries, Polish first, the choice kept in localStorage under the same
 * key and set on <html lang>. Unlike the portal's context, a module's texts
 * are one object (`localized`) that is refilled on a switch and the whole app
 * re-renders, so views keep reading `t.something` and a view added elsewhere
 * registers its own texts in its own module (docs/decisions/0018).
 */
export type Lang = 'pl' | 'en';

const STORAGE_KEY = 'pacjent.lang';
const CHANGE_EVENT = 'pacjent:lang';

export const isLang = (value: unknown): value is Lang => value === 'pl' || value === 'en';

/** The locale for dates and numbers in each language. */
export const localeOf = (lang: Lang): string => (lang === 'pl' ? 'pl-PL' : 'en-GB');

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : 'pl';
  } catch {
    return 'pl';
  }
}

let current: Lang = storedLang();
const registered: Array<(lang: Lang) => void> = [];

/**
 * A module's texts in both languages; returns the object to read them from,
 * filled with the current language and refilled on every switch. The English
 * dictionary must have the Polish one's shape (the type checks it).
 */
export function localized<T extends object>(dictionaries: { pl: T; en: NoInfer<T> }): T {
  const texts = { ...dictionaries[current] };
  registered.push((lang) => Object.assign(texts, dictionaries[lang]));
  return texts;
}

export function currentLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  for (const refill of registered) refill(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts until the tab closes.
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => window.removeEventListener(CHANGE_EVENT, onChange);
}

/** The current language; the component using it (the app's root) re-renders on a switch. */
export function useLang(): Lang {
  return useSyncExternalStore(subscribe, currentLang);
}
