"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.describeServiceSchema = describeServiceSchema;
const platform_1 = require("@pacjent/platform");
const typeorm_1 = require("typeorm");
const database_1 = require("./database");
/**
 * The checks every service's schema gets: its migrations, run on an empty
 * database, produce exactly what its entities describe (no drift), and a
 * second run does nothing. `more` adds service-specific tests with the
 * migrated database at hand.
 */
function describeServiceSchema(database, more) {
    describe(`${database.schema} schema`, () => {
        let db;
        let dataSource;
        beforeAll(async () => {
            db = await (0, database_1.createTestDatabase)();
            await (0, platform_1.migrateDatabase)(db.url, database);
            dataSource = await new typeorm_1.DataSource((0, platform_1.dataSourceOptions)(db.url, database, 1)).initialize();
        });
        afterAll(async () => {
            await dataSource?.destroy();
            await db?.drop();
        });
        it('matches the entities exactly (migrations and entities have not drifted)', async () => {
            const pending = await dataSource.driver.createSchemaBuilder().log();
            expect(pending.upQueries.map((query) => query.query)).toEqual([]);
        });
        it('migrates a second time without doing anything', async () => {
            await expect((0, platform_1.migrateDatabase)(db.url, database)).resolves.toEqual([]);
        });
        more?.(() => dataSource);
    });
}
//# sourceMappingURL=schema.js.map