import { DomainError, ErrorCode } from '@pacjent/contracts';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { findInputIssue } from './input-safety';
import { cacheValidationMetadata } from './validation-metadata-cache';

cacheValidationMetadata();

export const VALIDATOR_OPTIONS = { whitelist: true, forbidNonWhitelisted: true } as const;

export interface FieldError {
  field: string;
  messages: string[];
}

/** Flattens class-validator errors (nested ones as `a.b`) into field/message pairs. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

export function validationFailed(errors: FieldError[]): DomainError {
  return new DomainError(ErrorCode.VALIDATION_FAILED, 'The request is not valid.', { errors });
}

/**
 * Refuses, for any payload and before any DTO sees it, a string with a
 * control character or nesting past MAX_INPUT_DEPTH (see input-safety.ts).
 */
export function assertSafeInput(payload: unknown): void {
  const issue = findInputIssue(payload);
  if (issue) throw validationFailed([{ field: issue.field, messages: [issue.message] }]);
}

/**
 * Validates an untrusted payload against a DTO class and returns the typed
 * instance. The one validation helper for bus payloads; the gateway's HTTP
 * pipe uses the same options and error shape.
 */
export function validateInput<T extends object>(type: ClassConstructor<T>, payload: unknown): T {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw validationFailed([{ field: '', messages: ['payload must be an object'] }]);
  }
  assertSafeInput(payload);
  const instance = plainToInstance(type, payload);
  const errors = validateSync(instance, VALIDATOR_OPTIONS);
  if (errors.length > 0) throw validationFailed(toFieldErrors(errors));
  return instance;
}
