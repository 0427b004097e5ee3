import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@pacjent/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as polish from '@zxcvbn-ts/language-pl';

/**
 * zxcvbn's score runs 0–4; 3 means "safely unguessable: moderate protection
 * from an offline slow-hash attack" (~10^8 guesses and more), which is what
 * argon2id-hashed passwords behind login throttling need.
 */
export const PASSWORD_MIN_SCORE = 3;

/**
 * zxcvbn's matching is synchronous and, with many leet-speak characters,
 * combinatorial: with the library's defaults (256 characters, 100 leet
 * substitutions) one 200-character password of repeated `aB3$` blocked the
 * event loop for 9–12 s (measured on the 2-core development machine under a
 * load average of 13). Only the first 64 characters are analysed (a long
 * password whose first 64 are guessable is refused, which is fine) and at
 * most 4 substitutions are tried: the same input then took 0.16 s under the
 * same load, and ordinary passwords 5–120 ms.
 */
const ANALYSED_LENGTH = 64;
const LEET_SUBSTITUTIONS = 4;

/** Why a password was refused: the library's warning and suggestions, in English for the API. */
export interface PasswordWeakness {
  score: number;
  messages: string[];
}

/**
 * OWASP ASVS 6.2 for new passwords: refuses passwords found in the common and
 * breached-password lists zxcvbn ships (language-common), English and Polish
 * words and names, keyboard rows, repeats, sequences and dates, and anything
 * built from the person's own email or name. The minimum length is the DTO's.
 */
@Injectable()
export class PasswordPolicy {
  private readonly zxcvbn = new ZxcvbnFactory({
    maxLength: ANALYSED_LENGTH,
    l33tMaxSubstitutions: LEET_SUBSTITUTIONS,
    dictionary: { ...common.dictionary, ...english.dictionary, ...polish.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });

  /** null when the password is strong enough; why not otherwise. */
  weakness(password: string, personal: readonly string[]): PasswordWeakness | null {
    const result = this.zxcvbn.check(password, userInputs(personal));
    if (result.score >= PASSWORD_MIN_SCORE) return null;
    const { warning, suggestions } = result.feedback;
    return {
      score: result.score,
      messages: [
        'password is too easy to guess (a common or breached password, or too little variety)',
        ...(warning ? [warning] : []),
        ...suggestions,
      ],
    };
  }

  /** Throws PASSWORD_TOO_WEAK (400, field `password`) for a password the policy refuses. */
  assertStrong(password: string, personal: readonly string[]): void {
    const weakness = this.weakness(password, personal);
    if (!weakness) return;
    throw new DomainError(ErrorCode.PASSWORD_TOO_WEAK, 'The password is too easy to guess.', {
      errors: [{ field: 'password', messages: weakness.messages }],
    });
  }
}

/** The person's own words, in the order given: each value, and for an email its local part and that part's pieces. */
function userInputs(personal: readonly string[]): string[] {
  const words = new Set<string>();
  for (const value of personal) {
    const text = value.trim().toLowerCase();
    if (!text) continue;
    words.add(text);
    const local = text.split('@')[0]!;
    words.add(local);
    for (const piece of local.split(/[^\p{L}\p{N}]+/u)) if (piece.length >= 3) words.add(piece);
  }
  return [...words];
}
