import type { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { PlatformConfig } from './config';

export interface ServiceDatabase {
  /** The PostgreSQL schema the service owns; nothing else reads it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

export function dataSourceOptions(url: string, database: ServiceDatabase, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    schema: database.schema,
    entities: database.entities,
    migrations: database.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: poolSize },
  };
}

/** TypeORM for a service: its own schema, migrations instead of synchronize. */
export function databaseModule(database: ServiceDatabase): DynamicModule {
  return TypeOrmModule.forRootAsync({
    inject: [PlatformConfig],
    useFactory: (config: PlatformConfig) => dataSourceOptions(config.DATABASE_URL, database, config.DATABASE_POOL_SIZE),
  });
}

/** Creates the database named in `url` when it does not exist yet (a fresh developer machine). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        // Created meanwhile by another service: 42P04, or 23505 when both inserted into pg_database at once.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Brings a service's schema up to date: creates the database and schema when
 * missing and runs pending migrations, under an advisory lock so replicas
 * starting together migrate once.
 */
export async function migrateDatabase(url: string, database: ServiceDatabase): Promise<string[]> {
  await ensureDatabaseExists(url);
  const dataSource = new DataSource(dataSourceOptions(url, database, 1));
  await dataSource.initialize();
  const lockKey = `migrations:${database.schema}`;
  try {
    await dataSource.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${database.schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    await dataSource.destroy();
  }
}
