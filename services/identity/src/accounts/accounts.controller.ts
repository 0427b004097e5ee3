import { Controller } from '@nestjs/common';
import {
  ChangePhoneDto,
  RegisterDto,
  Subjects,
  type AccountDetailsView,
  type BusRequest,
  type MeView,
  type RegisterResult,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { AccountsService } from './accounts.service';

@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @BusHandler(Subjects.identity.register)
  register(payload: BusRequest): Promise<RegisterResult> {
    return this.accounts.register(validateInput(RegisterDto, payload.data));
  }

  /** Takes no input: the account is the caller's. */
  @BusHandler(Subjects.identity.me)
  me(payload: BusRequest): Promise<MeView> {
    return this.accounts.me(payload.actor);
  }

  /** Takes no input: the account is the caller's. */
  @BusHandler(Subjects.identity.accountDetails)
  details(payload: BusRequest): Promise<AccountDetailsView> {
    return this.accounts.details(payload.actor);
  }

  @BusHandler(Subjects.identity.changePhone)
  changePhone(payload: BusRequest): Promise<AccountDetailsView> {
    return this.accounts.changePhone(payload.actor, validateInput(ChangePhoneDto, payload.data));
  }
}
