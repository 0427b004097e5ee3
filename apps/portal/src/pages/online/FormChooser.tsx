import type { OnlineForm, OnlineSpecialtyView } from '@pacjent/contracts';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

/** After "Rozpocznij": czat, rozmowa głosowa or wideo (the forms the specialty offers). */
export function FormChooser({
  specialty,
  busy,
  onChoose,
  onBack,
}: {
  specialty: OnlineSpecialtyView;
  busy: boolean;
  onChoose: (form: OnlineForm) => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel" aria-labelledby="online-form-title" data-testid="online-forms">
      <h2 id="online-form-title" ref={heading} tabIndex={-1} className="panel__title">
        {t.online.chooseForm}: {specialty.specialty}
      </h2>
      <div className="actions">
        {specialty.forms.map((form) => (
          <button
            key={form}
            type="button"
            className="button"
            disabled={busy}
            data-testid={`online-form-${form}`}
            onClick={() => onChoose(form)}
          >
            {t.online.forms[form]}
          </button>
        ))}
        <button type="button" className="button button--ghost" onClick={onBack}>
          {t.online.back}
        </button>
      </div>
      {busy ? <p className="muted">{t.online.starting}</p> : null}
    </section>
  );
}
