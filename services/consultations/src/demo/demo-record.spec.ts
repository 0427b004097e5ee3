import { DEMO_RECORD, demoRecordSlotId } from '@pacjent/contracts';
import { Icd10Service } from '../icd10/icd10.service';
import { DEMO_OUTCOMES } from './demo-record-content';

describe('the demo record', () => {
  it('has an outcome for every demo visit, each with diagnoses on the ICD-10 list and recommendations', () => {
    expect(DEMO_OUTCOMES).toHaveLength(DEMO_RECORD.visits.length);
    const icd10 = new Icd10Service();
    for (const outcome of DEMO_OUTCOMES) {
      expect(icd10.resolve(outcome.diagnoses)).toHaveLength(outcome.diagnoses.length);
      expect(outcome.recommendations.length).toBeGreaterThan(0);
    }
  });

  it('uses distinct visit and slot ids', () => {
    const ids = DEMO_RECORD.visits.map((visit) => visit.id);
    const slots = ids.map(demoRecordSlotId);
    expect(new Set([...ids, ...slots]).size).toBe(ids.length * 2);
  });
});
