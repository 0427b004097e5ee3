import type { OnlineForm } from '@pacjent/contracts';
import { CallView, useRtcCall } from '@pacjent/realtime-client';
import { useI18n } from '../../i18n/I18nProvider';
import { realtime } from '../../lib/realtime';

/** Voice or video with the doctor: the doctor's side calls, this page answers; mute, camera off, or fall back to chat. */
export function CallPanel({
  consultationId,
  form,
  iceServers,
  onSwitchToChat,
}: {
  consultationId: string;
  form: Exclude<OnlineForm, 'chat'>;
  iceServers: RTCIceServer[];
  onSwitchToChat: () => void;
}) {
  const { t } = useI18n();
  const call = useRtcCall({
    client: realtime(),
    consultationId,
    role: 'answerer',
    video: form === 'video',
    iceServers,
    enabled: true,
  });

  return (
    <CallView
      call={call}
      video={form === 'video'}
      texts={t.online}
      className="panel call"
      buttonClassName="button button--ghost"
    >
      {call.state === 'failed' ? (
        <button
          type="button"
          className="button"
          data-testid="online-switch-to-chat"
          onClick={() => {
            call.hangUp();
            onSwitchToChat();
          }}
        >
          {t.online.switchToChat}
        </button>
      ) : null}
    </CallView>
  );
}
