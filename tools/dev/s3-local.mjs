/**
 * A local S3-compatible server (s3rver from npm) for machines without MinIO.
 * Started by tools/dev/start.mjs when S3_ENDPOINT is not set; the files
 * service only ever sees an S3 endpoint. Data stays in .data/s3 (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import process from 'node:process';
import S3rver from 's3rver';

const port = Number(process.env.S3_PORT ?? 4568);
const bucket = process.env.S3_BUCKET ?? 'pacjent-files';
const directory = process.env.S3_DIRECTORY ?? '.data/s3';

// Browsers upload and download with presigned URLs straight from the portal's origin.
const cors = `<CORSConfiguration><CORSRule>
  <AllowedOrigin>*</AllowedOrigin>
  <AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>
  <AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>
</CORSRule></CORSConfiguration>`;

mkdirSync(directory, { recursive: true });
const server = new S3rver({
  address: '127.0.0.1',
  port,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket, configs: [cors] }],
});
await server.run();
process.stdout.write(`S3 (s3rver) listening on http://127.0.0.1:${port}, bucket "${bucket}", data in ${directory}\n`);

for (const name of ['SIGTERM', 'SIGINT']) {
  process.once(name, () => {
    server.close().finally(() => process.exit(0));
  });
}
