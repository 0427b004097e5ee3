import { ErrorCode } from '@pacjent/contracts';
import { IsString } from 'class-validator';
import { findInputIssue, MAX_INPUT_DEPTH, nestsDeeperThan } from './input-safety';
import { validateInput } from './validation';

class NameDto {
  @IsString()
  name!: string;
}

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('input safety: one check for every payload', () => {
  it('finds a control character in any string, nested or in an array, and names the field', () => {
    expect(findInputIssue({ a: { b: ['ok', 'x\u0000y'] } })).toEqual({
      field: 'a.b.1',
      message: 'must not contain control characters',
    });
    for (const char of ['\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f']) {
      expect(findInputIssue({ name: `Jan${char}` })).not.toBeNull();
    }
    expect(findInputIssue('a\u0000')).toEqual({ field: '', message: 'must not contain control characters' });
  });

  it('lets tabs and line breaks through, and other text', () => {
    expect(findInputIssue({ message: 'Dzień dobry,\r\n\tproszę — Żółć 😀', n: 5, b: null })).toBeNull();
  });

  it('refuses a control character in a key without repeating the key', () => {
    expect(findInputIssue({ ok: { 'k\u0000ey': 1 } })).toEqual({
      field: 'ok',
      message: 'keys must not contain control characters',
    });
  });

  it('stops nesting past the limit, without overflowing the stack itself', () => {
    expect(findInputIssue(nested(MAX_INPUT_DEPTH))).toBeNull();
    expect(findInputIssue(nested(MAX_INPUT_DEPTH + 1))?.message).toBe('must not be nested more than 32 levels deep');
    expect(nestsDeeperThan(nested(MAX_INPUT_DEPTH), MAX_INPUT_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_INPUT_DEPTH + 1), MAX_INPUT_DEPTH)).toBe(true);
    expect(nestsDeeperThan(nested(200_000), MAX_INPUT_DEPTH)).toBe(true);
    expect(findInputIssue(nested(200_000))).not.toBeNull();
  });

  it('is part of validateInput: a bus payload with NUL or deep nesting is VALIDATION_FAILED, not a crash', () => {
    expect(() => validateInput(NameDto, { name: 'Jan\u0000' })).toThrow(
      expect.objectContaining({ code: ErrorCode.VALIDATION_FAILED }),
    );
    expect(() => validateInput(NameDto, { name: 'Jan', extra: nested(5000) })).toThrow(
      expect.objectContaining({ code: ErrorCode.VALIDATION_FAILED }),
    );
    expect(validateInput(NameDto, { name: 'Jan\nKowalski' }).name).toBe('Jan\nKowalski');
  });
});
