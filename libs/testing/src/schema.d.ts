import { type ServiceDatabase } from '@pacjent/platform';
import { DataSource } from 'typeorm';
/**
 * The checks every service's schema gets: its migrations, run on an empty
 * database, produce exactly what its entities describe (no drift), and a
 * second run does nothing. `more` adds service-specific tests with the
 * migrated database at hand.
 */
export declare function describeServiceSchema(database: ServiceDatabase, more?: (dataSource: () => DataSource) => void): void;
