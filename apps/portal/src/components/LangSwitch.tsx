import { useI18n } from '../i18n/I18nProvider';

/** One button that flips between Polish and English; it shows the language it switches to. */
export function LangSwitch() {
  const { lang, t, setLang } = useI18n();
  const next = lang === 'pl' ? 'en' : 'pl';
  return (
    <button
      type="button"
      className="button button--ghost lang-switch"
      data-testid="lang-switch"
      lang={next}
      title={t.langSwitch.title}
      onClick={() => setLang(next)}
    >
      {/* The name starts with what the button shows (WCAG 2.5.3, axe label-content-name-mismatch). */}
      {t.langSwitch.label}
      <span className="visually-hidden"> — {t.langSwitch.title}</span>
    </button>
  );
}
