import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type Icd10View } from '@pacjent/contracts';
import { ICD10_CODES } from './icd10-codes';

const fold = (text: string): string =>
  text.toLocaleLowerCase('pl').normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l');

/** The bundled ICD-10 list: search for the doctor's form, and names for recorded codes. */
@Injectable()
export class Icd10Service {
  private readonly byCode = new Map<string, string>(ICD10_CODES.map(([code, name]) => [code, name]));
  private readonly index = ICD10_CODES.map(([code, name]) => ({ code, name, folded: fold(`${code} ${name}`) }));

  /** Codes starting with the query, then names containing every word of it; at most `limit`. */
  search(query: string, limit = 20): Icd10View[] {
    const q = query.trim().toUpperCase();
    const byCode = this.index.filter((entry) => entry.code.startsWith(q));
    const words = fold(query).split(/\s+/).filter(Boolean);
    const byName = this.index.filter(
      (entry) => !entry.code.startsWith(q) && words.every((word) => entry.folded.includes(word)),
    );
    return [...byCode, ...byName].slice(0, limit).map(({ code, name }) => ({ code, name }));
  }

  /** The codes with their names, in order, without repeats; an unknown code fails UNKNOWN_DIAGNOSIS. */
  resolve(codes: string[]): Icd10View[] {
    const unique = [...new Set(codes)];
    const unknown = unique.filter((code) => !this.byCode.has(code));
    if (unknown.length > 0) {
      throw new DomainError(ErrorCode.UNKNOWN_DIAGNOSIS, 'Some diagnoses are not ICD-10 codes we know.', { unknown });
    }
    return unique.map((code) => ({ code, name: this.byCode.get(code)! }));
  }
}
