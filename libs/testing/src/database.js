"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEST_DATABASE_SERVER = void 0;
exports.createTestDatabase = createTestDatabase;
const node_crypto_1 = require("node:crypto");
const pg_1 = require("pg");
exports.TEST_DATABASE_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
async function withAdminClient(fn) {
    const client = new pg_1.Client({ connectionString: exports.TEST_DATABASE_SERVER });
    await client.connect();
    try {
        return await fn(client);
    }
    finally {
        await client.end();
    }
}
/**
 * A fresh, empty database for one test file on the real PostgreSQL server,
 * also set as DATABASE_URL for services started afterwards. Drop it in afterAll.
 */
async function createTestDatabase() {
    const name = `pacjent_test_${Date.now().toString(36)}_${(0, node_crypto_1.randomBytes)(4).toString('hex')}`;
    await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(exports.TEST_DATABASE_SERVER);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    return {
        url: url.toString(),
        name,
        drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
    };
}
//# sourceMappingURL=database.js.map