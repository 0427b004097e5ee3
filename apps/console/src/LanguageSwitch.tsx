import { setLang } from './i18n';
import { t } from './texts';

/**
 * "EN" / "PL": the visible text starts the accessible name (axe
 * label-content-name-mismatch), the rest says what it does in the other language.
 */
export function LanguageSwitch({ className = 'button button--link' }: { className?: string }) {
  const { label, name, lang } = t.languageSwitch;
  return (
    <button type="button" className={className} data-testid="console-lang" onClick={() => setLang(lang)}>
      {label}
      <span className="visually-hidden" lang={lang}>
        {' '}
        — {name}
      </span>
    </button>
  );
}
