import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { AuthModule } from '../auth/auth.module';
import { Mailer } from '../mail/mailer';
import { FinishedResetsJob } from './finished-resets.job';
import { PasswordChangeService } from './password-change.service';
import { PasswordResetTokenEntity } from './password-reset-token.entity';
import { PasswordResetRepository } from './password-reset.repository';
import { PasswordResetService } from './password-reset.service';
import { PasswordsController } from './passwords.controller';

/** Password reset by e-mail and password change; both end the account's other sessions. */
@Module({
  imports: [TypeOrmModule.forFeature([PasswordResetTokenEntity]), AccountsModule, AuthModule],
  controllers: [PasswordsController],
  providers: [PasswordResetService, PasswordChangeService, PasswordResetRepository, Mailer, FinishedResetsJob],
})
export class PasswordsModule {}
