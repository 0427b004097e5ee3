import type { OnlineConsultationView } from '@pacjent/contracts';
import { useState } from 'react';
import { ErrorMessage } from '../../components/Alerts';
import { useI18n } from '../../i18n/I18nProvider';
import { useLoader } from '../../lib/use-loader';
import { CallPanel } from './CallPanel';
import { ChatComposer } from './ChatComposer';
import { onlineApi } from './online-api';
import { ShareFile } from './ShareFile';
import { Transcript } from './Transcript';
import type { LiveConsultation } from './use-consultation';

/** The active consultation: the call (voice/video), the chat both ways and sharing a file. */
export function ConsultationSession({
  consultation,
  live,
}: {
  consultation: OnlineConsultationView;
  live: LiveConsultation;
}) {
  const { t } = useI18n();
  const config = useLoader(() => onlineApi.config(), []);
  const [chatOnly, setChatOnly] = useState(consultation.form === 'chat');
  const doctorName = consultation.doctor?.name ?? t.online.doctor;
  const callForm = consultation.form === 'chat' ? null : consultation.form;

  return (
    <section className="online-session" aria-labelledby="online-session-title" data-testid="online-session">
      <h2 id="online-session-title" className="panel__title">
        {t.online.doctor}: <span data-testid="online-doctor-name">{doctorName}</span>
      </h2>
      {callForm && !chatOnly && config.data ? (
        <CallPanel
          consultationId={consultation.id}
          form={callForm}
          iceServers={config.data.iceServers}
          onSwitchToChat={() => setChatOnly(true)}
        />
      ) : null}
      <section className="panel" aria-labelledby="online-chat-title">
        <h3 id="online-chat-title">{t.online.chat}</h3>
        <Transcript messages={live.messages} doctorName={doctorName} live />
        <ErrorMessage
          message={live.refused ? ((t.errors as Record<string, string>)[live.refused] ?? t.errors.UNKNOWN) : null}
        />
        <ChatComposer
          onSend={live.sendChat}
          disabled={!config.data}
          maxLength={config.data?.chatMessageMaxLength ?? 2_000}
        />
        <ShareFile onShare={live.shareFile} disabled={false} />
      </section>
    </section>
  );
}
