import { Controller } from '@nestjs/common';
import {
  ChangePasswordBusDto,
  PasswordResetDto,
  PasswordResetRequestDto,
  Subjects,
  type BusRequest,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { PasswordChangeService } from './password-change.service';
import { PasswordResetService } from './password-reset.service';

@Controller()
export class PasswordsController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly changes: PasswordChangeService,
  ) {}

  @BusHandler(Subjects.identity.requestPasswordReset)
  requestReset(payload: BusRequest): Promise<Record<string, never>> {
    return this.resets.request(validateInput(PasswordResetRequestDto, payload.data));
  }

  @BusHandler(Subjects.identity.completePasswordReset)
  completeReset(payload: BusRequest): Promise<Record<string, never>> {
    return this.resets.complete(validateInput(PasswordResetDto, payload.data));
  }

  @BusHandler(Subjects.identity.changePassword)
  change(payload: BusRequest): Promise<Record<string, never>> {
    return this.changes.change(payload.actor, validateInput(ChangePasswordBusDto, payload.data));
  }
}
