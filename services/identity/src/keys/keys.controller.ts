import { Controller } from '@nestjs/common';
import { Subjects, type JwksResult } from '@pacjent/contracts';
import { BusHandler } from '@pacjent/platform';
import { SigningKeysService } from './signing-keys.service';

@Controller()
export class KeysController {
  constructor(private readonly keys: SigningKeysService) {}

  /** Public: the keys access tokens are verified with. Takes no input. */
  @BusHandler(Subjects.identity.jwks)
  jwks(): Promise<JwksResult> {
    return this.keys.jwks();
  }
}
