"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startLocalS3 = startLocalS3;
const platform_1 = require("@pacjent/platform");
const promises_1 = require("node:fs/promises");
const node_os_1 = require("node:os");
const node_path_1 = require("node:path");
/**
 * An S3-compatible server (s3rver) in this process with its data in a fresh
 * temporary folder, and its bucket created. Sets the S3_* variables the
 * services and the gateway read, unless S3_ENDPOINT names a real one already
 * (then that one is used and nothing is started).
 */
async function startLocalS3(bucket = 'pacjent-files') {
    process.env.S3_BUCKET = process.env.S3_BUCKET || bucket;
    if (process.env.S3_ENDPOINT) {
        const storage = platform_1.ObjectStorage.fromEnv();
        await storage.ensureBucket();
        return { endpoint: process.env.S3_ENDPOINT, bucket: storage.bucket, storage, close: async () => storage.destroy() };
    }
    // s3rver ships no types; this is the little of it we use.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const S3rver = require('s3rver');
    const directory = await (0, promises_1.mkdtemp)((0, node_path_1.join)((0, node_os_1.tmpdir)(), 'pacjent-s3-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
    const address = await server.run();
    const endpoint = `http://127.0.0.1:${address.port}`;
    Object.assign(process.env, {
        S3_ENDPOINT: endpoint,
        S3_REGION: 'us-east-1',
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
    });
    const storage = platform_1.ObjectStorage.fromEnv();
    await storage.ensureBucket();
    return {
        endpoint,
        bucket: storage.bucket,
        storage,
        close: async () => {
            storage.destroy();
            server.httpServer?.closeAllConnections();
            await server.close();
            delete process.env.S3_ENDPOINT;
            await (0, promises_1.rm)(directory, { recursive: true, force: true });
        },
    };
}
//# sourceMappingURL=local-s3.js.map