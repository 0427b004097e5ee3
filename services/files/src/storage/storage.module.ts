import { Global, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { FILE_RETENTION_MONTHS } from '@pacjent/contracts';
import { ObjectStorage } from '@pacjent/platform';

/** Every object the service writes lives under this prefix; reconciliation looks nowhere else. */
export const UPLOADS_PREFIX = 'uploads/';

/** The S3 bucket, set up on start: created when missing, with an expiry rule as a backstop where supported. */
@Global()
@Module({
  providers: [{ provide: ObjectStorage, useFactory: () => ObjectStorage.fromEnv() }],
  exports: [ObjectStorage],
})
export class StorageModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Storage');

  constructor(private readonly storage: ObjectStorage) {}

  async onModuleInit(): Promise<void> {
    await this.bucketReady();
    // The expiry job is the rule; a lifecycle rule a few days later only catches what it missed.
    const backstopDays = FILE_RETENTION_MONTHS * 31 + 7;
    const ruleSet = await this.storage.setExpiryRule(UPLOADS_PREFIX, backstopDays);
    this.logger.log(
      { bucket: this.storage.bucket, lifecycleRule: ruleSet },
      ruleSet
        ? 'bucket ready with an expiry rule'
        : 'bucket ready; this server has no lifecycle rules, the expiry job alone deletes files',
    );
  }

  /** S3 may still be starting next to us (npm start launches both at once): wait a little for it. */
  private async bucketReady(attempts = 20): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.storage.ensureBucket();
        return;
      } catch (error) {
        if (attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  onApplicationShutdown(): void {
    this.storage.destroy();
  }
}
