import { Controller } from '@nestjs/common';
import {
  BankCallbackDto,
  Subjects,
  type AccessHistoryEntryView,
  type BankCallbackResult,
  type BusRequest,
  type StartBankVerificationResult,
  type VerificationStatusView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { VerificationService } from './verification.service';

@Controller()
export class VerificationController {
  constructor(private readonly verification: VerificationService) {}

  /** Takes no input: the attempt is bound to the caller's account. */
  @BusHandler(Subjects.identity.startBankVerification)
  startBank(payload: BusRequest): Promise<StartBankVerificationResult> {
    return this.verification.startBank(payload.actor);
  }

  /** Public: the state in the query decides which account the outcome belongs to. */
  @BusHandler(Subjects.identity.completeBankVerification)
  completeBank(payload: BusRequest): Promise<BankCallbackResult> {
    return this.verification.completeBank(validateInput(BankCallbackDto, payload.data).query);
  }

  @BusHandler(Subjects.identity.verificationStatus)
  status(payload: BusRequest): Promise<VerificationStatusView> {
    return this.verification.status(payload.actor);
  }

  @BusHandler(Subjects.identity.accessHistory)
  accessHistory(payload: BusRequest): Promise<AccessHistoryEntryView[]> {
    return this.verification.accessHistory(payload.actor);
  }
}
