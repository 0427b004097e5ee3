/**
 * npm run bench:files — uploads against a running stack (npm start).
 *
 *  1. 20 concurrent 8 MB uploads (20 full-account patients, one file each):
 *     throughput, p50/p95 per upload, peak resident memory of the gateway
 *     and the files service (sampled from /proc while the uploads run).
 *  2. A 50 MB upload, sent with Content-Length and again chunked (no length):
 *     how many bytes the client got to send before the 413 arrived — an
 *     upper bound of what the gateway read.
 *
 * Making accounts full needs identity confirmation; the bench does what a
 * staff confirmation would, by setting identity.accounts.level = 'full'
 * directly in DATABASE_URL (a development database only).
 *
 * Env: BASE_URL (http://127.0.0.1:3000), DATABASE_URL, UPLOADS (20),
 * GATEWAY_PID / FILES_PID (else found in /proc by their dist/main.js).
 */
import { Blob, Buffer } from 'node:buffer';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { randomUUID } from 'node:crypto';
import { setInterval, clearInterval, setTimeout } from 'node:timers';
import pg from 'pg';
import { percentilesOf } from './harness.mjs';

const BASE_URL = process.env.BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/pacjent';
const UPLOADS = Number(process.env.UPLOADS ?? 20);
const FILE_BYTES = 8 * 1024 * 1024;
const MB = 1024 * 1024;

async function json(method, path, body, token) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function fullPatients(count) {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const patients = [];
  try {
    for (let i = 0; i < count; i++) {
      const email = `bench.files.${Date.now()}.${i}.${randomUUID().slice(0, 6)}@example.test`;
      const password = 'Bench-haslo-2026';
      const registered = await json('POST', '/api/auth/register', {
        email,
        password,
        firstName: 'Bench',
        lastName: 'Pliki',
        acceptTerms: true,
      });
      if (registered.status === 429)
        throw new Error(
          'register: 429, the registration limit; run the stack with RATE_LIMIT_REGISTER_PER_HOUR=0 for the bench',
        );
      if (registered.status !== 201)
        throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
      await db.query(`UPDATE "identity"."accounts" SET level = 'full' WHERE id = $1`, [registered.body.id]);
      const login = await json('POST', '/api/auth/login', { email, password });
      if (login.status !== 200) throw new Error(`login: ${login.status}`);
      patients.push(login.body.accessToken);
    }
  } finally {
    await db.end();
  }
  return patients;
}

/** The pid of the process running `script`, preferring one whose environment has `envHint`. */
function findPid(script, envHint) {
  const found = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes(script)) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      found.push({ pid: Number(entry), matches: envHint ? environ.includes(envHint) : true });
    } catch {
      // gone, or not ours to read
    }
  }
  return (found.find((p) => p.matches) ?? found[0])?.pid;
}

/** Bytes the process has read through read() calls so far (sockets included), from /proc/<pid>/io. */
function bytesRead(pid) {
  try {
    return Number(/rchar:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? 0);
  } catch {
    return NaN;
  }
}

/** Runs `work` and reports how many bytes the gateway process read meanwhile. */
async function gatewayReadDuring(pid, work) {
  const before = bytesRead(pid);
  const result = await work();
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { ...result, gatewayRead: bytesRead(pid) - before };
}

function rssBytes(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function sampleMemory(pids) {
  const peaks = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) if (pid) peaks[name] = Math.max(peaks[name], rssBytes(pid));
  }, 25);
  return { stop: () => (clearInterval(timer), peaks) };
}

function pdfOf(size) {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write('%PDF-1.4\n');
  return bytes;
}

async function uploadOnce(token, bytes, index) {
  const form = new globalThis.FormData();
  form.append('description', `Benchmark upload ${index}`);
  form.append('consent', 'true');
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), `bench-${index}.pdf`);
  const started = performance.now();
  const response = await fetch(`${BASE_URL}/api/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = await response.json();
  const ms = performance.now() - started;
  if (response.status !== 201) throw new Error(`upload ${index}: ${response.status} ${JSON.stringify(body)}`);
  return { ms, id: body.id };
}

/** Sends a 50 MB multipart body and counts the bytes written before the answer came. */
function oversized(token, { chunked }) {
  const total = 50 * MB;
  const boundary = `----bench${randomUUID()}`;
  const headPart = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nZa duzy plik testowy\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="consent"\r\n\r\ntrue\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="duzy.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const url = new URL('/api/files', BASE_URL);
  return new Promise((resolve) => {
    let sent = 0;
    let answered = null;
    const headers = {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    };
    if (!chunked) headers['content-length'] = String(headPart.length + total + tail.length);
    const request = http.request(url, { method: 'POST', headers }, (response) => {
      answered = { status: response.statusCode, sentBeforeAnswer: sent };
      response.resume();
      response.on('end', () => resolve(answered));
    });
    // The gateway closes the connection after answering; a client still writing may see EPIPE/ECONNRESET first.
    request.on('error', (error) =>
      resolve(answered ?? { status: `connection closed (${error.code})`, sentBeforeAnswer: sent }),
    );
    const chunk = pdfOf(64 * 1024);
    const pump = () => {
      if (sent === 0) {
        request.write(headPart);
      }
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end(tail);
    };
    pump();
  });
}


const health = await fetch(`${BASE_URL}/api/health`).catch(() => null);
if (!health || health.status !== 200) {
  console.error(`✗ No healthy portal at ${BASE_URL} (start it with npm start, or set BASE_URL).`);
  process.exit(1);
}
const port = new URL(BASE_URL).port || '80';
const pids = {
  gateway: Number(process.env.GATEWAY_PID) || findPid('services/gateway/dist/main.js', `PORT=${port}`),
  files: Number(process.env.FILES_PID) || findPid('services/files/dist/main.js'),
};

console.log(
  `Pacjent files benchmark against ${BASE_URL} (gateway pid ${pids.gateway ?? '?'}, files pid ${pids.files ?? '?'})`,
);
const tokens = await fullPatients(UPLOADS);
const file = pdfOf(FILE_BYTES);
const before = { gateway: rssBytes(pids.gateway), files: rssBytes(pids.files) };
const memory = sampleMemory(pids);
const started = performance.now();
const results = await Promise.all(tokens.map((token, i) => uploadOnce(token, file, i)));
const wallMs = performance.now() - started;
const peaks = memory.stop();
const times = results.map((r) => r.ms);

const tooLargeWithLength = await gatewayReadDuring(pids.gateway, () => oversized(tokens[0], { chunked: false }));
const tooLargeChunked = await gatewayReadDuring(pids.gateway, () => oversized(tokens[0], { chunked: true }));

// Leave the bench accounts with no files.
await Promise.all(
  results.map((r, i) =>
    fetch(`${BASE_URL}/api/files/${r.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens[i]}` } }),
  ),
);

const mb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const [p50, p95] = percentilesOf(times, [50, 95]);
console.log(`\n${UPLOADS} concurrent uploads of ${mb(FILE_BYTES)} (${mb(FILE_BYTES * UPLOADS)} in total)`);
console.log(`  wall time        ${(wallMs / 1000).toFixed(2)} s`);
console.log(`  throughput       ${((FILE_BYTES * UPLOADS) / MB / (wallMs / 1000)).toFixed(1)} MB/s`);
console.log(
  `  per upload       p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
);
console.log(`  gateway RSS      ${mb(before.gateway)} before, peak ${mb(peaks.gateway)}`);
console.log(`  files RSS        ${mb(before.files)} before, peak ${mb(peaks.files)}`);
console.log(`\n50 MB upload`);
for (const [label, outcome] of [
  ['with Content-Length', tooLargeWithLength],
  ['chunked (no length)', tooLargeChunked],
]) {
  console.log(
    `  ${label}: ${outcome.status}; gateway read ${mb(outcome.gatewayRead)} (/proc rchar), ` +
      `client had sent ${mb(outcome.sentBeforeAnswer)} when it stopped`,
  );
}
