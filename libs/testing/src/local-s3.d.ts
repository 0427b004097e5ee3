import { ObjectStorage } from '@pacjent/platform';
export interface LocalS3 {
    endpoint: string;
    bucket: string;
    /** Storage on the same bucket, for tests that look at what is (not) stored. */
    storage: ObjectStorage;
    close(): Promise<void>;
}
/**
 * An S3-compatible server (s3rver) in this process with its data in a fresh
 * temporary folder, and its bucket created. Sets the S3_* variables the
 * services and the gateway read, unless S3_ENDPOINT names a real one already
 * (then that one is used and nothing is started).
 */
export declare function startLocalS3(bucket?: string): Promise<LocalS3>;
