import { Module } from '@nestjs/common';
import { VerificationModule } from '../verification/verification.module';
import { StaffController } from './staff.controller';
import { StaffRepository } from './staff.repository';
import { StaffService } from './staff.service';

/** The staff console's back end: patient search, staff confirmations, the contact-form queue. */
@Module({
  imports: [VerificationModule],
  controllers: [StaffController],
  providers: [StaffService, StaffRepository],
})
export class StaffModule {}
