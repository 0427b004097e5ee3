import type { RtcSignal } from '@pacjent/contracts';
import type { RealtimeClient } from './realtime-client';

/**
 * A voice or video call between the two participants of an online
 * consultation: RTCPeerConnection with the configured ICE servers, the
 * signalling (offer, answer, ICE candidates, hang-up) over the page's realtime
 * socket. The doctor's side offers; the patient's answers. Signals that arrive
 * before the page has its camera (an offer while the patient's page still
 * switches screens) wait until `start()`.
 */

export type CallState = 'idle' | 'starting' | 'connecting' | 'connected' | 'failed' | 'ended';

export interface RtcCallOptions {
  client: RealtimeClient;
  consultationId: string;
  role: 'offerer' | 'answerer';
  video: boolean;
  iceServers: RTCIceServer[];
  onState: (state: CallState) => void;
  onLocalStream: (stream: MediaStream) => void;
  onRemoteStream: (stream: MediaStream) => void;
}

/** How long a call may take to connect before the page offers the chat instead. */
const CONNECT_TIMEOUT_MS = 20_000;
/**
 * Signals are relayed, never stored: an offer sent while the patient's page is
 * still learning that the doctor took the consultation is dropped. The offer
 * is repeated until an answer comes.
 */
const REOFFER_INTERVAL_MS = 2_000;

export class RtcCall {
  private connection: RTCPeerConnection | null = null;
  private local: MediaStream | null = null;
  private early: RtcSignal[] = [];
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private state: CallState = 'idle';
  private timeout: ReturnType<typeof setTimeout> | undefined;
  private reoffer: ReturnType<typeof setInterval> | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: RtcCallOptions) {
    this.unsubscribe = options.client.on('signal', (frame) => {
      if (frame.consultationId !== options.consultationId) return;
      if (this.state === 'idle' || this.state === 'starting') this.early.push(frame.signal);
      else void this.handle(frame.signal);
    });
  }

  getState(): CallState {
    return this.state;
  }

  /** The camera and microphone, then (offerer) the offer, or (answerer) the answer to an offer already here. */
  async start(): Promise<void> {
    if (this.state !== 'idle' && this.state !== 'failed' && this.state !== 'ended') return;
    this.setState('starting');
    try {
      this.local ??= await navigator.mediaDevices.getUserMedia({ audio: true, video: this.options.video });
      this.options.onLocalStream(this.local);
      this.openConnection();
      this.setState('connecting');
      this.armTimeout();
      if (this.options.role === 'offerer') await this.offer();
      const early = this.early;
      this.early = [];
      for (const signal of early) await this.handle(signal);
    } catch {
      this.setState('failed');
    }
  }

  setMuted(muted: boolean): void {
    this.local?.getAudioTracks().forEach((track) => (track.enabled = !muted));
  }

  setCameraOff(off: boolean): void {
    this.local?.getVideoTracks().forEach((track) => (track.enabled = !off));
  }

  /** Ends the call here and tells the other side. */
  hangUp(): void {
    if (this.connection) this.signal({ kind: 'hangup' });
    this.close('ended');
  }

  /** The page goes away: stop listening, release the camera. */
  dispose(): void {
    this.unsubscribe();
    this.close(this.state === 'connected' ? 'ended' : this.state);
    this.local?.getTracks().forEach((track) => track.stop());
    this.local = null;
  }

  private openConnection(): void {
    this.connection?.close();
    const connection = new RTCPeerConnection({ iceServers: this.options.iceServers });
    this.connection = connection;
    this.pendingCandidates = [];
    this.local?.getTracks().forEach((track) => connection.addTrack(track, this.local!));
    connection.onicecandidate = (event) => {
      if (event.candidate) this.signal({ kind: 'ice', candidate: event.candidate.toJSON() });
    };
    connection.ontrack = (event) => {
      const [stream] = event.streams;
      if (stream) this.options.onRemoteStream(stream);
    };
    connection.onconnectionstatechange = () => {
      if (this.connection !== connection) return;
      if (connection.connectionState === 'connected') {
        clearTimeout(this.timeout);
        this.setState('connected');
      } else if (connection.connectionState === 'failed') {
        this.close('failed');
      }
    };
  }

  private async offer(): Promise<void> {
    const connection = this.connection!;
    await connection.setLocalDescription(await connection.createOffer());
    const sdp = connection.localDescription?.sdp;
    this.signal({ kind: 'offer', sdp });
    clearInterval(this.reoffer);
    this.reoffer = setInterval(() => {
      if (this.connection === connection && connection.signalingState === 'have-local-offer') {
        this.signal({ kind: 'offer', sdp });
      } else {
        clearInterval(this.reoffer);
      }
    }, REOFFER_INTERVAL_MS);
  }

  private async handle(signal: RtcSignal): Promise<void> {
    try {
      switch (signal.kind) {
        case 'offer': {
          // A new offer (the doctor pressed "Połącz ponownie") starts the connection afresh.
          if (this.options.role !== 'answerer' || !signal.sdp) return;
          const current = this.connection;
          if (current?.remoteDescription?.sdp === signal.sdp && current.localDescription) {
            // The same offer again: our answer was lost on the way.
            this.signal({ kind: 'answer', sdp: current.localDescription.sdp });
            return;
          }
          if (current?.remoteDescription) this.openConnection();
          const connection = this.connection!;
          if (this.state !== 'connecting') this.setState('connecting');
          this.armTimeout();
          await connection.setRemoteDescription({ type: 'offer', sdp: signal.sdp });
          await connection.setLocalDescription(await connection.createAnswer());
          this.signal({ kind: 'answer', sdp: connection.localDescription?.sdp });
          await this.flushCandidates();
          return;
        }
        case 'answer':
          if (this.options.role !== 'offerer' || !signal.sdp || !this.connection) return;
          // A repeated answer (to a repeated offer) after the first one was applied.
          if (this.connection.signalingState !== 'have-local-offer') return;
          await this.connection.setRemoteDescription({ type: 'answer', sdp: signal.sdp });
          await this.flushCandidates();
          return;
        case 'ice': {
          const candidate = signal.candidate as RTCIceCandidateInit | undefined;
          if (!candidate || !this.connection) return;
          if (this.connection.remoteDescription) await this.connection.addIceCandidate(candidate);
          else this.pendingCandidates.push(candidate);
          return;
        }
        case 'hangup':
          this.close('ended');
          return;
      }
    } catch {
      this.close('failed');
    }
  }

  private async flushCandidates(): Promise<void> {
    const candidates = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of candidates) await this.connection?.addIceCandidate(candidate);
  }

  private armTimeout(): void {
    clearTimeout(this.timeout);
    this.timeout = setTimeout(() => {
      if (this.state !== 'connected') this.close('failed');
    }, CONNECT_TIMEOUT_MS);
  }

  private signal(signal: RtcSignal): void {
    this.options.client.send({ type: 'signal', consultationId: this.options.consultationId, signal });
  }

  private close(state: CallState): void {
    clearTimeout(this.timeout);
    clearInterval(this.reoffer);
    this.connection?.close();
    this.connection = null;
    this.setState(state);
  }

  private setState(state: CallState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onState(state);
  }
}
