import websocket from '@fastify/websocket';
import { REALTIME_MAX_FRAME_BYTES } from '@pacjent/contracts';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RealtimeHub } from './realtime.hub';

/**
 * GET /api/realtime: the WebSocket of a page. Frames over REALTIME_MAX_FRAME_BYTES
 * close it with 1009 (the ws library's own check, before any parsing).
 */
export async function serveRealtime(app: NestFastifyApplication): Promise<void> {
  await app.register(websocket, { options: { maxPayload: REALTIME_MAX_FRAME_BYTES } });
  const hub = app.get(RealtimeHub);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/api/realtime', { websocket: true }, (socket) => hub.accept(socket));
}
