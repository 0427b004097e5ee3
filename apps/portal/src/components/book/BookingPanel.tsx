import type { SlotView } from '@pacjent/contracts';
import { useEffect, useRef, type FormEvent } from 'react';
import type { OccupationalReferral } from '../../api/types';
import type { ErrorText } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { ErrorMessage } from '../Alerts';
import { TextField } from '../Fields';
import { VisitDetails } from '../VisitDetails';

export type ReferralErrors = Partial<Record<keyof OccupationalReferral, string[]>>;

interface Props {
  slot: SlotView;
  /** Set for occupational-medicine services: the employer's referral to send. */
  referral: OccupationalReferral | null;
  referralErrors: ReferralErrors;
  error: ErrorText | null;
  busy: boolean;
  onReferralChange: (next: OccupationalReferral) => void;
  onConfirm: () => void;
  onBack: () => void;
  /** Replaces "Potwierdź rezerwację" (e.g. when moving a visit). */
  confirmLabel?: string;
}

/** The confirmation step between "Zarezerwuj" and the booking. */
export function BookingPanel(props: Props) {
  const { slot, referral, referralErrors, error, busy, onReferralChange, onConfirm, onBack, confirmLabel } = props;
  const { t } = useI18n();
  const titleRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => titleRef.current?.focus(), [slot.id]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm();
  };

  return (
    <section className="panel panel--confirm" aria-labelledby="confirm-title" data-testid="booking-panel">
      <h2 id="confirm-title" ref={titleRef} tabIndex={-1} className="panel__title">
        {t.book.confirmTitle}
      </h2>
      <p className="muted">{t.book.confirmIntro}</p>
      <VisitDetails slot={slot} />
      <form className="form" noValidate onSubmit={submit}>
        {referral ? (
          <fieldset className="fieldset">
            <legend>{t.book.occupationalLegend}</legend>
            <p className="muted">{t.book.occupationalIntro}</p>
            <TextField
              id="referral-employer"
              testId="referral-employer"
              label={t.book.employer}
              required
              autoComplete="organization"
              value={referral.employer}
              onChange={(event) => onReferralChange({ ...referral, employer: event.target.value })}
              errors={referralErrors.employer}
            />
            <TextField
              id="referral-position"
              testId="referral-position"
              label={t.book.position}
              required
              autoComplete="organization-title"
              value={referral.position}
              onChange={(event) => onReferralChange({ ...referral, position: event.target.value })}
              errors={referralErrors.position}
            />
            <TextField
              id="referral-number"
              testId="referral-number"
              label={t.book.referralNumber}
              required
              value={referral.referralNumber}
              onChange={(event) => onReferralChange({ ...referral, referralNumber: event.target.value })}
              errors={referralErrors.referralNumber}
            />
          </fieldset>
        ) : null}
        <ErrorMessage message={error?.message} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" data-testid="booking-confirm" disabled={busy}>
            {busy ? t.book.confirming : (confirmLabel ?? t.book.confirm)}
          </button>
          <button
            type="button"
            className="button button--ghost"
            data-testid="booking-back"
            disabled={busy}
            onClick={onBack}
          >
            {t.book.back}
          </button>
        </div>
      </form>
    </section>
  );
}
