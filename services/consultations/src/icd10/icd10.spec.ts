import { ICD10_CODE } from '@pacjent/contracts';
import { Icd10Service } from './icd10.service';

describe('ICD-10 list', () => {
  const icd10 = new Icd10Service();

  it('finds codes by prefix first, then by words of the Polish name without diacritics', () => {
    expect(icd10.search('J06')[0]).toEqual({
      code: 'J06.9',
      name: 'Ostre zakażenie górnych dróg oddechowych, nieokreślone',
    });
    expect(icd10.search('nadcisnienie').map((entry) => entry.code)).toContain('I10');
    expect(icd10.search('ból kręgosłupa').map((entry) => entry.code)).toEqual(
      expect.arrayContaining(['M54.2', 'M54.5']),
    );
  });

  it('names recorded codes once each and refuses codes it does not know', () => {
    expect(icd10.resolve(['I10', 'I10', 'E11.9'])).toEqual([
      { code: 'I10', name: 'Samoistne (pierwotne) nadciśnienie' },
      { code: 'E11.9', name: 'Cukrzyca insulinoniezależna bez powikłań' },
    ]);
    expect(() => icd10.resolve(['I10', 'X99.9'])).toThrow(expect.objectContaining({ code: 'UNKNOWN_DIAGNOSIS' }));
  });

  it('has unique, well-formed codes', () => {
    const codes = icd10.search('', 10_000).map((entry) => entry.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBeGreaterThanOrEqual(150);
    expect(codes.filter((code) => !ICD10_CODE.test(code))).toEqual([]);
  });
});
