import type { Bundle } from '@medplum/fhirtypes';
import { ErrorCode, PESEL_IDENTIFIER_SYSTEM } from '@pacjent/contracts';
import { flagOf, readLabBundle } from './lab-bundle';

const interpretation = (code: string) => [{ coding: [{ code }] }];

describe('flagOf', () => {
  it("follows the lab's interpretation when it gives one", () => {
    expect(flagOf(100, 0, 200, interpretation('H'))).toBe('high');
    expect(flagOf(100, 0, 200, interpretation('LL'))).toBe('low');
    expect(flagOf(500, 0, 200, interpretation('N'))).toBe('normal');
  });

  it('computes the flag from the reference range otherwise; none without a range', () => {
    expect(flagOf(39.9, 40, null)).toBe('low');
    expect(flagOf(40, 40, 60)).toBe('normal');
    expect(flagOf(60, 40, 60)).toBe('normal');
    expect(flagOf(60.1, null, 60)).toBe('high');
    expect(flagOf(60, null, null, interpretation('A'))).toBeNull();
  });
});

describe('readLabBundle', () => {
  const bundle = (report: Record<string, unknown>, extra: unknown[] = []): Bundle =>
    ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'DiagnosticReport',
            id: 'r1',
            status: 'final',
            code: { text: 'Glukoza' },
            subject: { identifier: { system: PESEL_IDENTIFIER_SYSTEM, value: '85041203465' } },
            effectiveDateTime: '2025-03-01',
            ...report,
          },
        },
        ...extra.map((resource) => ({ resource })),
      ],
    }) as Bundle;
  const glucose = {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '2345-7', display: 'Glukoza' }] },
    valueQuantity: { value: 104, unit: 'mg/dL' },
    referenceRange: [{ low: { value: 70 }, high: { value: 99 } }],
  };

  it('reads a report named by a logical PESEL reference, its id as the key, every Observation when none is named', () => {
    const read = readLabBundle(bundle({}, [glucose]));
    expect(read).toMatchObject({
      pesel: '85041203465',
      sourceKey: 'id:r1',
      name: 'Glukoza',
      effectiveAt: new Date('2025-03-01T00:00:00Z'),
      observations: [
        { code: '2345-7', name: 'Glukoza', value: 104, referenceLow: 70, referenceHigh: 99, flag: 'high' },
      ],
    });
  });

  it('lists everything a result still lacks', () => {
    const attempt = () =>
      readLabBundle(
        bundle({ id: undefined, status: 'done', subject: undefined, effectiveDateTime: undefined }, [
          { ...glucose, code: { text: 'no loinc' }, valueQuantity: undefined },
        ]),
      );
    expect(attempt).toThrow(expect.objectContaining({ code: ErrorCode.VALIDATION_FAILED }));
    try {
      attempt();
    } catch (error) {
      const fields = (error as { details: { errors: Array<{ field: string }> } }).details.errors.map((e) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'DiagnosticReport.identifier',
          'DiagnosticReport.status',
          'DiagnosticReport.subject',
          'Observation[0].code',
          'Observation[0].valueQuantity',
        ]),
      );
    }
  });

  it("refuses an Observation about somebody other than the report's patient", () => {
    const stranger = { ...glucose, subject: { identifier: { system: PESEL_IDENTIFIER_SYSTEM, value: '44051401359' } } };
    const same = { ...glucose, subject: { identifier: { system: PESEL_IDENTIFIER_SYSTEM, value: '85041203465' } } };
    expect(readLabBundle(bundle({}, [same])).observations).toHaveLength(1);
    expect(() => readLabBundle(bundle({}, [stranger]))).toThrow(
      expect.objectContaining({
        details: { errors: [{ field: 'Observation[0].subject', messages: ["must be the report's patient"] }] },
      }),
    );
    const byReference = { ...glucose, subject: { reference: 'Patient/other' } };
    expect(() => readLabBundle(bundle({}, [byReference]))).toThrow(
      expect.objectContaining({ code: ErrorCode.VALIDATION_FAILED }),
    );
  });
});
