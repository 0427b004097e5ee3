/**
 * Used by booking.mjs: booking's own SlotsService on its own DataSource behind
 * node:http, in a process of its own (so the load generator does not share its
 * event loop) — the slot search without the gateway and NATS. Prints its port.
 */
import { createRequire } from 'node:module';
import http from 'node:http';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(join(ROOT, 'package.json'));
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { dataSourceOptions } = require('@pacjent/platform');
const { BookingDatabase } = require(join(ROOT, 'services/booking/dist/database.js'));
const { SlotsRepository } = require(join(ROOT, 'services/booking/dist/slots/slots.repository.js'));
const { SlotsService } = require(join(ROOT, 'services/booking/dist/slots/slots.service.js'));

const dataSource = await new DataSource(dataSourceOptions(process.env.DATABASE_URL, BookingDatabase, 10)).initialize();
const slots = new SlotsService(new SlotsRepository(dataSource), { now: () => new Date() });
const server = http.createServer(async (request, response) => {
  try {
    const query = Object.fromEntries(new URL(request.url, 'http://x').searchParams);
    response.writeHead(200, { 'content-type': 'application/json' }).end((await slots.search(query)).json);
  } catch {
    response.writeHead(500).end();
  }
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void dataSource.destroy().then(() => process.exit(0)));
});
