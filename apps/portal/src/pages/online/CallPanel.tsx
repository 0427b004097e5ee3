import type { OnlineForm } from '@pacjent/contracts';
import { useRtcCall } from '@pacjent/realtime-client';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { realtime } from '../../lib/realtime';

function StreamVideo({
  stream,
  muted,
  label,
  testId,
}: {
  stream: MediaStream | null;
  muted: boolean;
  label: string;
  testId: string;
}) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted={muted}
      aria-label={label}
      data-testid={testId}
      className="call__video"
    />
  );
}

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
    <section className="panel call" aria-label={t.online.call} data-testid="online-call" data-call-state={call.state}>
      <p role="status" data-testid="online-call-state">
        {t.online.callStates[call.state]}
      </p>
      <div className="call__videos">
        <StreamVideo
          stream={call.remoteStream}
          muted={false}
          label={t.online.remoteVideo}
          testId="online-remote-video"
        />
        {form === 'video' ? (
          <StreamVideo stream={call.localStream} muted label={t.online.localVideo} testId="online-local-video" />
        ) : null}
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--ghost"
          aria-pressed={call.muted}
          data-testid="online-mute"
          onClick={call.toggleMute}
        >
          {call.muted ? t.online.unmute : t.online.mute}
        </button>
        {form === 'video' ? (
          <button
            type="button"
            className="button button--ghost"
            aria-pressed={call.cameraOff}
            data-testid="online-camera"
            onClick={call.toggleCamera}
          >
            {call.cameraOff ? t.online.cameraOn : t.online.cameraOff}
          </button>
        ) : null}
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
      </div>
    </section>
  );
}
