import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AccessLogRepository } from './access-log.repository';
import { BankClient } from './bank-client';
import { ExpiredAttemptsJob } from './expired-attempts.job';
import { VerificationController } from './verification.controller';
import { VerificationRepository } from './verification.repository';
import { VerificationService } from './verification.service';

/** Identity confirmation through the bank (OpenID Connect relying party), its history and the access log. */
@Module({
  imports: [AccountsModule],
  controllers: [VerificationController],
  providers: [VerificationService, VerificationRepository, AccessLogRepository, BankClient, ExpiredAttemptsJob],
  exports: [VerificationRepository, AccessLogRepository],
})
export class VerificationModule {}
