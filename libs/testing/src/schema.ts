import { dataSourceOptions, migrateDatabase, type ServiceDatabase } from '@pacjent/platform';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './database';

/**
 * The checks every service's schema gets: its migrations, run on an empty
 * database, produce exactly what its entities describe (no drift), and a
 * second run does nothing. `more` adds service-specific tests with the
 * migrated database at hand.
 */
export function describeServiceSchema(database: ServiceDatabase, more?: (dataSource: () => DataSource) => void): void {
  describe(`${database.schema} schema`, () => {
    let db: TestDatabase;
    let dataSource: DataSource;

    beforeAll(async () => {
      db = await createTestDatabase();
      await migrateDatabase(db.url, database);
      dataSource = await new DataSource(dataSourceOptions(db.url, database, 1)).initialize();
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
      await expect(migrateDatabase(db.url, database)).resolves.toEqual([]);
    });

    more?.(() => dataSource);
  });
}
