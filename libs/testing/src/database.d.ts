export declare const TEST_DATABASE_SERVER: string;
export interface TestDatabase {
    url: string;
    name: string;
    drop(): Promise<void>;
}
/**
 * A fresh, empty database for one test file on the real PostgreSQL server,
 * also set as DATABASE_URL for services started afterwards. Drop it in afterAll.
 */
export declare function createTestDatabase(): Promise<TestDatabase>;
