import { Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** @node-rs/argon2 declares Algorithm as a const enum (empty at run time); 2 is its Argon2id. */
const ARGON2ID: Algorithm = 2;

/** Hashes and checks passwords with argon2id (the library's default cost: 19 MiB, 2 passes). */
@Injectable()
export class PasswordHasher {
  /** Checked when no account matches, so an unknown email costs as much as a wrong password. */
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: ARGON2ID });
  }

  /** Verifies `password` against `passwordHash`, or against a dummy hash (answering false) when there is none. */
  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash === null) {
      this.dummyHash ??= this.hash(randomBytes(32).toString('base64url'));
      await verify(await this.dummyHash, password);
      return false;
    }
    return verify(passwordHash, password);
  }
}
