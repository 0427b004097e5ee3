import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  S3Client,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { IsIn, IsNotEmpty, IsString, Matches } from 'class-validator';
import type { Readable } from 'node:stream';
import { EnvBoolean, loadConfig, type ProductionChecked } from './config';
import { isStorageUnreachable, storageUnavailable } from './storage-unreachable';

/**
 * A connection that S3 does not accept within this long is an outage, not a
 * slow server; a request whose socket stays silent this long is given up. The
 * SDK has neither by default, so a black-holed S3 would hold an upload forever.
 */
const CONNECT_TIMEOUT_MS = 3000;
const SOCKET_IDLE_TIMEOUT_MS = 30_000;

/** The keys s3rver (the local S3 of development and tests) accepts. */
export const DEVELOPMENT_S3_KEY = 'S3RVER';

/** Where uploaded documents live. Defaults fit the local s3rver that `npm start` and the tests run. */
export class S3Config implements ProductionChecked {
  /** The S3 API endpoint (MinIO, s3rver); empty means AWS itself. */
  @Matches(/^(https?:\/\/.+)?$/, { message: 'S3_ENDPOINT must be an http(s) URL or empty' })
  S3_ENDPOINT = '';

  @IsString()
  @IsNotEmpty()
  S3_REGION = 'us-east-1';

  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a valid bucket name' })
  S3_BUCKET = 'pacjent-files';

  @IsString()
  @IsNotEmpty()
  S3_ACCESS_KEY_ID = 'S3RVER';

  @IsString()
  @IsNotEmpty()
  S3_SECRET_ACCESS_KEY = 'S3RVER';

  /** Path-style URLs (`endpoint/bucket/key`), which MinIO and s3rver expect. */
  @EnvBoolean()
  S3_FORCE_PATH_STYLE = true;

  /** Server-side encryption asked of every object ('' = none, e.g. s3rver; 'AES256' on MinIO with KMS or AWS). */
  @IsIn(['', 'AES256', 'aws:kms'])
  S3_SSE = '';

  unsafeInProduction(): string[] {
    return this.S3_ACCESS_KEY_ID === DEVELOPMENT_S3_KEY || this.S3_SECRET_ACCESS_KEY === DEVELOPMENT_S3_KEY
      ? ['S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: the development s3rver keys; set the storage credentials']
      : [];
  }
}

/** Rethrows an S3 outage as SERVICE_UNAVAILABLE and anything else as it is. */
function unreachableAsUnavailable(error: unknown): never {
  throw isStorageUnreachable(error) ? storageUnavailable() : error;
}

export interface StoredObject {
  key: string;
  lastModified: Date;
}

export interface ObjectDownload {
  body: Readable;
  size: number | undefined;
}

/**
 * The one piece of code that talks to S3: the gateway writes and reads
 * objects through it, the files service deletes, lists and sets the bucket up.
 * Checksums only where S3 requires them, so streams of unknown checksum work
 * with every S3-compatible server. S3 unreachable (refused, reset, timed out,
 * its own 5xx) is thrown as SERVICE_UNAVAILABLE (see storage-unreachable.ts),
 * so callers answer 503 and may retry; other S3 errors pass unchanged.
 */
export class ObjectStorage {
  readonly bucket: string;

  constructor(
    private readonly client: S3Client,
    private readonly config: S3Config,
  ) {
    this.bucket = config.S3_BUCKET;
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): ObjectStorage {
    const config = loadConfig(S3Config, env);
    const client = new S3Client({
      region: config.S3_REGION,
      endpoint: config.S3_ENDPOINT || undefined,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: SOCKET_IDLE_TIMEOUT_MS },
    });
    return new ObjectStorage(client, config);
  }

  /** Writes an object of known length from a stream (never buffered whole). */
  async put(key: string, body: Readable, length: number, contentType: string): Promise<void> {
    await this.client
      .send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentLength: length,
          ContentType: contentType,
          ...(this.config.S3_SSE ? { ServerSideEncryption: this.config.S3_SSE as ServerSideEncryption } : {}),
        }),
      )
      .catch(unreachableAsUnavailable);
  }

  async get(key: string): Promise<ObjectDownload> {
    const result = await this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))
      .catch(unreachableAsUnavailable);
    return { body: result.Body as Readable, size: result.ContentLength };
  }

  /** Deletes an object; deleting one that is not there is fine (S3 semantics). */
  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })).catch(unreachableAsUnavailable);
  }

  async *list(prefix: string): AsyncGenerator<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client
        .send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }))
        .catch(unreachableAsUnavailable);
      for (const item of page.Contents ?? []) {
        if (item.Key && item.LastModified) yield { key: item.Key, lastModified: item.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Creates the bucket when it is missing (buckets are private unless made otherwise). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch {
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket })).catch((error: { name?: string }) => {
        if (error.name !== 'BucketAlreadyOwnedByYou' && error.name !== 'BucketAlreadyExists') throw error;
      });
    }
  }

  /**
   * Asks the server to expire objects under `prefix` after `days` as a
   * backstop. Returns false where lifecycle rules are not supported (s3rver).
   */
  async setExpiryRule(prefix: string, days: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: this.bucket,
          LifecycleConfiguration: {
            Rules: [
              { ID: 'expire-uploads', Status: 'Enabled', Filter: { Prefix: prefix }, Expiration: { Days: days } },
            ],
          },
        }),
      );
      return true;
    } catch {
      return false;
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
