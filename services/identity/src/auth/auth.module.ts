import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { KeysModule } from '../keys/keys.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { ExpiredRecordsJob } from './expired-records.job';
import { LoginThrottleEntity } from './login-throttle.entity';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottleService } from './login-throttle.service';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations';
import { VerificationModule } from '../verification/verification.module';

/** Login (with throttling), refresh-token rotation and logout. */
@Module({
  imports: [
    TypeOrmModule.forFeature([RefreshTokenEntity, LoginThrottleEntity]),
    AccountsModule,
    KeysModule,
    VerificationModule,
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    LoginThrottleService,
    LoginThrottleRepository,
    RefreshTokensRepository,
    ExpiredRecordsJob,
    SessionRevocations,
  ],
  exports: [RefreshTokensRepository, SessionRevocations],
})
export class AuthModule {}
