import type { OnlineFallbackSlotsView, OnlineForm, OnlineSpecialtyView } from '@pacjent/contracts';
import { useState } from 'react';
import { useMe } from '../../auth/AuthProvider';
import { ErrorMessage, InfoNote } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { Link, navigate, useLocation } from '../../router';
import { ConsultationSession } from './ConsultationSession';
import { EndedConsultation } from './EndedConsultation';
import { FallbackSlots } from './FallbackSlots';
import { FormChooser } from './FormChooser';
import { onlineApi } from './online-api';
import { SpecialtyList } from './SpecialtyList';
import { loadPatientConsultation, useLiveConsultation } from './use-consultation';
import { WaitingRoom } from './WaitingRoom';

/** "Konsultacje online" (full accounts): choose a specialist, "Rozpocznij", the form, then wait and talk. */
export function OnlinePage() {
  const { t } = useI18n();
  const me = useMe();
  const consultationId = new URLSearchParams(useLocation().split('?')[1] ?? '').get('id');
  if (me.level !== 'full') {
    return (
      <div className="page" data-testid="online-locked">
        <PageHeading>{t.online.title}</PageHeading>
        <InfoNote>
          <p>{t.online.locked}</p>
          <Link to="/verification">{t.online.lockedLink}</Link>
        </InfoNote>
      </div>
    );
  }
  return (
    <div className="page" data-testid="online">
      <PageHeading>{t.online.title}</PageHeading>
      {consultationId ? <OpenConsultation id={consultationId} /> : <StartConsultation />}
    </div>
  );
}

/** The id in the URL keeps a reload (or a second tab) in the same consultation. */
const openConsultation = (id: string) => navigate(`/online?id=${encodeURIComponent(id)}`);

function StartConsultation() {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<OnlineSpecialtyView | null>(null);
  const [fallback, setFallback] = useState<OnlineFallbackSlotsView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const showFallback = async (specialty: string) => setFallback(await onlineApi.fallbackSlots(specialty));

  const choose = async (specialty: OnlineSpecialtyView) => {
    setError(null);
    setBusy(true);
    try {
      // The server decides whether a consultation now makes sense (someone on duty, the wait under the limit).
      const offered = await onlineApi.fallbackSlots(specialty.specialty);
      if (offered.reason !== null) setFallback(offered);
      else setChosen(specialty);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const start = async (form: OnlineForm) => {
    if (!chosen) return;
    setError(null);
    setBusy(true);
    try {
      openConsultation((await onlineApi.start(chosen.specialty, form)).id);
    } catch (caught) {
      const code = (caught as { code?: string }).code;
      // Between the list and the click the last doctor may have gone off duty: propose the slots instead.
      if (code === 'NO_DOCTOR_ON_DUTY') await showFallback(chosen.specialty).catch(setError);
      else setError(caught);
      setBusy(false);
    }
  };

  const back = () => {
    setChosen(null);
    setFallback(null);
  };

  return (
    <>
      <p className="lead">{t.online.intro}</p>
      <ErrorMessage message={error ? describeError(error, t).message : null} />
      {fallback ? (
        <FallbackSlots fallback={fallback} onBack={back} />
      ) : chosen ? (
        <FormChooser specialty={chosen} busy={busy} onChoose={(form) => void start(form)} onBack={back} />
      ) : (
        <SpecialtyList onStart={(specialty) => void choose(specialty)} />
      )}
    </>
  );
}

function OpenConsultation({ id }: { id: string }) {
  const { t } = useI18n();
  const live = useLiveConsultation(id, loadPatientConsultation);
  const { consultation } = live;
  if (live.error && !consultation) return <ErrorMessage message={describeError(live.error, t).message} />;
  if (!consultation) return <p className="muted">{t.common.loading}</p>;
  switch (consultation.status) {
    case 'waiting':
      return <WaitingRoom consultation={consultation} onLeft={() => navigate('/online')} />;
    case 'active':
      return <ConsultationSession consultation={consultation} live={live} />;
    case 'ended':
      return <EndedConsultation consultation={consultation} live={live} />;
    case 'left':
      return (
        <InfoNote>
          <p data-testid="online-left">{t.online.left}</p>
          <Link to="/online">{t.online.back}</Link>
        </InfoNote>
      );
  }
}
