import { Controller } from '@nestjs/common';
import {
  BankCallbackDto,
  StartBankVerificationDto,
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

  /** The attempt is bound to the caller's account and to the browser holding the binding cookie. */
  @BusHandler(Subjects.identity.startBankVerification)
  startBank(payload: BusRequest): Promise<StartBankVerificationResult> {
    return this.verification.startBank(payload.actor, validateInput(StartBankVerificationDto, payload.data).binding);
  }

  /** Public: the state decides which attempt, and only the browser that started it (its cookie) may finish it. */
  @BusHandler(Subjects.identity.completeBankVerification)
  completeBank(payload: BusRequest): Promise<BankCallbackResult> {
    const input = validateInput(BankCallbackDto, payload.data);
    return this.verification.completeBank(input.query, input.binding);
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
