import { connect, createServer } from 'node:net';

/**
 * The front for the two gateways, as a load balancer is: one address, each new
 * connection sent to the next gateway in turn, and to the other one when that
 * refuses (a killed gateway); open connections are relayed as they are, so a
 * gateway's death breaks only its own.
 */
export function roundRobinRelay(port, upstreamPorts) {
  let turn = 0;
  const clients = new Set();
  const server = createServer((client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    client.pause();
    client.on('error', () => client.destroy());
    const tryUpstream = (left, index) => {
      const upstream = connect(upstreamPorts[index % upstreamPorts.length], '127.0.0.1');
      // Only a refused connection moves on to the next gateway; once relaying, an error ends this client's connection.
      const refused = () => {
        upstream.destroy();
        if (left > 1 && !client.destroyed) tryUpstream(left - 1, index + 1);
        else client.destroy();
      };
      upstream.once('error', refused);
      upstream.once('connect', () => {
        upstream.off('error', refused);
        upstream.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    tryUpstream(upstreamPorts.length, turn++);
  });
  return {
    /** Where clients connect (`port` 0 picks a free one on open()). */
    get url() {
      return `http://127.0.0.1:${server.address()?.port ?? port}`;
    },
    open: () => new Promise((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () => {
      for (const client of clients) client.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
