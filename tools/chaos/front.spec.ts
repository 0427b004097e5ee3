import { createServer, get, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { roundRobinRelay, type Front } from './front.mjs';

interface Upstream {
  name: string;
  server: Server;
  port: number;
  connections: number;
  sockets: Set<Socket>;
}

/** An HTTP server that answers its name, or streams for /stream until its socket dies. */
async function upstream(name: string): Promise<Upstream> {
  const self: Upstream = { name, server: createServer(), port: 0, connections: 0, sockets: new Set() };
  self.server.on('connection', (socket: Socket) => {
    self.connections += 1;
    self.sockets.add(socket);
    socket.on('close', () => self.sockets.delete(socket));
  });
  self.server.on('request', (request, response) => {
    if (request.url === '/stream') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`data: ${name}\n\n`);
      return;
    }
    response.end(name);
  });
  await new Promise<void>((resolve) => self.server.listen(0, '127.0.0.1', resolve));
  self.port = (self.server.address() as AddressInfo).port;
  return self;
}

/** One request on a connection of its own (no keep-alive): which upstream answered, or the error. */
function ask(front: Front, path = '/'): Promise<string> {
  return new Promise((resolve) => {
    get(`${front.url}${path}`, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
    }).on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code ?? error.message}`));
  });
}

describe('the chaos front: one address for two gateways', () => {
  let a: Upstream;
  let b: Upstream;
  let front: Front;

  beforeEach(async () => {
    [a, b] = await Promise.all([upstream('a'), upstream('b')]);
    front = roundRobinRelay(0, [a.port, b.port]);
    await front.open();
  });
  afterEach(async () => {
    await front.close();
    for (const server of [a, b]) {
      server.server.closeAllConnections();
      await new Promise((resolve) => server.server.close(resolve));
    }
  });

  it('sends each new connection to the next gateway in turn', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) answers.push(await ask(front));
    expect(answers).toEqual(['a', 'b', 'a', 'b']);
  });

  it('sends a connection to the other gateway when its turn’s gateway refuses, and fails only when both do', async () => {
    a.server.closeAllConnections();
    await new Promise((resolve) => a.server.close(resolve));
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) answers.push(await ask(front));
    expect(answers).toEqual(['b', 'b', 'b', 'b']);
    b.server.closeAllConnections();
    await new Promise((resolve) => b.server.close(resolve));
    expect(await ask(front)).toMatch(/^error /);
    // Listening again for afterEach.
    await new Promise<void>((resolve) => a.server.listen(a.port, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => b.server.listen(b.port, '127.0.0.1', resolve));
  });

  it('breaks an open stream when its gateway dies (reset), without splicing it onto the other one', async () => {
    const ended = new Promise<string>((resolve) => {
      get(`${front.url}/stream`, { agent: false }, (response) => {
        response.once('data', () => {
          // The stream is open on a: a dies as under kill -9 (its sockets reset).
          for (const socket of a.sockets) socket.resetAndDestroy();
        });
        response.on('error', () => resolve('broken'));
        response.on('close', () => resolve('broken'));
      }).on('error', () => resolve('broken'));
    });
    const before = b.connections;
    expect(await ended).toBe('broken');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(b.connections).toBe(before);
    // The front itself goes on: the next connections are served in turn.
    expect(await ask(front)).toBe('b');
    expect(await ask(front)).toBe('a');
  });
});
