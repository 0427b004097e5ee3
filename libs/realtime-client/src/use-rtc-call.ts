import { useEffect, useRef, useState } from 'react';
import type { RealtimeClient } from './realtime-client';
import { RtcCall, type CallState } from './rtc-call';

export interface RtcCallControls {
  state: CallState;
  muted: boolean;
  cameraOff: boolean;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  toggleMute: () => void;
  toggleCamera: () => void;
  /** Starts again (the offerer sends a new offer). */
  retry: () => void;
  hangUp: () => void;
}

/**
 * A React screen's handle on one consultation's call (portal and console
 * alike): created when `enabled`, started at once, released with the screen.
 */
export function useRtcCall(options: {
  client: RealtimeClient;
  consultationId: string;
  role: 'offerer' | 'answerer';
  video: boolean;
  iceServers: RTCIceServer[] | null;
  enabled: boolean;
}): RtcCallControls {
  const { client, consultationId, role, video, iceServers, enabled } = options;
  const call = useRef<RtcCall | null>(null);
  const [state, setState] = useState<CallState>('idle');
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const [localStream, setLocalStream] = useState<MediaStream | null>(null);
  const [remoteStream, setRemoteStream] = useState<MediaStream | null>(null);

  useEffect(() => {
    if (!enabled || !iceServers) return;
    const created = new RtcCall({
      client,
      consultationId,
      role,
      video,
      iceServers,
      onState: setState,
      onLocalStream: setLocalStream,
      onRemoteStream: setRemoteStream,
    });
    call.current = created;
    void created.start();
    return () => {
      created.dispose();
      call.current = null;
    };
  }, [client, consultationId, role, video, iceServers, enabled]);

  return {
    state,
    muted,
    cameraOff,
    localStream,
    remoteStream,
    toggleMute: () => {
      call.current?.setMuted(!muted);
      setMuted(!muted);
    },
    toggleCamera: () => {
      call.current?.setCameraOff(!cameraOff);
      setCameraOff(!cameraOff);
    },
    retry: () => void call.current?.start(),
    hangUp: () => call.current?.hangUp(),
  };
}
