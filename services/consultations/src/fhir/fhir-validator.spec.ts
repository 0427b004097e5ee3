import { FhirValidator } from './fhir-validator';

describe('FhirValidator (FHIR R4 StructureDefinitions through @medplum/core)', () => {
  const validator = new FhirValidator();

  const observation = (overrides: Record<string, unknown> = {}) => ({
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '2093-3' }] },
    valueQuantity: { value: 190, unit: 'mg/dL' },
    ...overrides,
  });

  it('accepts a valid resource', () => {
    expect(
      validator.errorsOf({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: observation() }] }),
    ).toEqual([]);
  });

  it('reports wrong types, unknown properties and missing required elements with their paths', () => {
    const errors = validator.errorsOf({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: observation({ valueQuantity: { value: 'high' }, colour: 'red' }) },
        { resource: { resourceType: 'DiagnosticReport', code: { text: 'Lipidogram' } } },
      ],
    });
    const fields = errors.map((error) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Bundle.entry[0].resource'),
        'Bundle.entry[0].resource.colour',
        'Bundle.entry[1].resource.status',
      ]),
    );
    expect(errors.find((error) => error.field === 'Bundle.entry[1].resource.status')?.messages).toEqual([
      'Missing required property',
    ]);
  });

  // Required value-set bindings (e.g. a status code) are not checked without a terminology service: the
  // bundle reader checks the codes it uses itself (lab-bundle.ts).
  it('rejects an unknown resource type and a non-object', () => {
    expect(validator.errorsOf({ resourceType: 'LabThing' })).not.toEqual([]);
    expect(validator.errorsOf([])).toEqual([{ field: '', messages: ['a FHIR resource must be a JSON object'] }]);
  });

  it('never echoes a huge property name whole, and caps the number of messages', () => {
    const hugeKey = 'x'.repeat(10_000);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`bad${i}`, 1]));
    const errors = validator.errorsOf(observation({ [hugeKey]: 1, ...many }));
    expect(errors.length).toBeLessThanOrEqual(20);
    expect(JSON.stringify(errors).length).toBeLessThan(20 * 500);
  });
});
