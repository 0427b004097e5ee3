import { useEffect, useRef, type ReactNode } from 'react';
import type { CallState } from './rtc-call';
import type { RtcCallControls } from './use-rtc-call';

/** The words of the call panel, in the app's language (portal i18n, console texts). */
export interface CallViewTexts {
  call: string;
  callStates: Record<CallState, string>;
  remoteVideo: string;
  localVideo: string;
  mute: string;
  unmute: string;
  cameraOn: string;
  cameraOff: string;
}

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

function Toggle({
  pressed,
  className,
  testId,
  onClick,
  children,
}: {
  pressed: boolean;
  className: string;
  testId: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button type="button" className={className} aria-pressed={pressed} data-testid={testId} onClick={onClick}>
      {children}
    </button>
  );
}

/**
 * One consultation's call as both apps show it: the state, the other side's
 * (and, for video, one's own) picture, mute and camera buttons. Each app adds
 * its own buttons for a failed call (`children`) and its own class names.
 */
export function CallView({
  call,
  video,
  texts,
  className,
  buttonClassName,
  children,
}: {
  call: RtcCallControls;
  video: boolean;
  texts: CallViewTexts;
  className: string;
  buttonClassName: string;
  children?: ReactNode;
}) {
  return (
    <section className={className} aria-label={texts.call} data-testid="online-call" data-call-state={call.state}>
      <p role="status" data-testid="online-call-state">
        {texts.callStates[call.state]}
      </p>
      <div className="call__videos">
        <StreamVideo stream={call.remoteStream} muted={false} label={texts.remoteVideo} testId="online-remote-video" />
        {video ? (
          <StreamVideo stream={call.localStream} muted label={texts.localVideo} testId="online-local-video" />
        ) : null}
      </div>
      <div className="actions">
        <Toggle pressed={call.muted} className={buttonClassName} testId="online-mute" onClick={call.toggleMute}>
          {call.muted ? texts.unmute : texts.mute}
        </Toggle>
        {video ? (
          <Toggle
            pressed={call.cameraOff}
            className={buttonClassName}
            testId="online-camera"
            onClick={call.toggleCamera}
          >
            {call.cameraOff ? texts.cameraOn : texts.cameraOff}
          </Toggle>
        ) : null}
        {children}
      </div>
    </section>
  );
}
