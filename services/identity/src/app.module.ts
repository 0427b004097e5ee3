import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { databaseModule, healthController, PlatformModule } from '@pacjent/platform';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { IdentityConfig } from './config';
import { IdentityDatabase } from './database';
import { DemoModule } from './demo/demo.module';
import { KeysModule } from './keys/keys.module';
import { PasswordsModule } from './passwords/passwords.module';
import { PatientRegistryModule } from './patients/patient-registry.module';
import { RecordAccessModule } from './record-access/record-access.module';
import { StaffModule } from './staff/staff.module';
import { VerificationModule } from './verification/verification.module';

/** The identity service: accounts, login and sessions, signing keys. */
@Module({
  imports: [
    PlatformModule.forService('identity', IdentityConfig),
    databaseModule(IdentityDatabase),
    ScheduleModule.forRoot(),
    AccountsModule,
    AuthModule,
    KeysModule,
    DemoModule,
    VerificationModule,
    StaffModule,
    PatientRegistryModule,
    RecordAccessModule,
    PasswordsModule,
  ],
  controllers: [healthController('identity')],
})
export class IdentityModule {}
