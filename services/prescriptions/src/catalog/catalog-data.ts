import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One product of the catalog, as the seeder writes it. */
export interface CatalogProduct {
  name: string;
  substance: string;
  atcCode: string;
  form: string;
  strength: string;
  packSize: number;
  prescriptionOnly: boolean;
  antibiotic: boolean;
  controlled: boolean;
}

/** The curated list (see data/README.md); the same path from src/ (tests) and dist/ (production). */
export const CATALOG_CSV = resolve(__dirname, '..', '..', 'src', 'catalog', 'data', 'medicines.csv');

/**
 * Parses the catalog's CSV: `;`-separated, a header line, one product line
 * per row with `|`-separated strengths and packs, each combination one
 * product. Antibiotic = ATC J01*. Throws on a malformed line (a broken
 * catalog must stop the start, not half-seed).
 */
export function parseCatalog(text: string): CatalogProduct[] {
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (header !== 'name;substance;atc;form;strengths;packs;prescriptionOnly;controlled') {
    throw new Error('medicines.csv: unexpected header');
  }
  return lines.flatMap((line, index) => {
    const fields = line.split(';');
    const [name, substance, atcCode, form, strengths, packs, prescriptionOnly, controlled] = fields;
    if (fields.length !== 8 || !name || !substance || !atcCode || !form || !strengths || !packs) {
      throw new Error(`medicines.csv line ${index + 2}: expected 8 fields`);
    }
    const packSizes = packs.split('|').map(Number);
    if (packSizes.some((size) => !Number.isInteger(size) || size < 1)) {
      throw new Error(`medicines.csv line ${index + 2}: bad pack size`);
    }
    return strengths.split('|').flatMap((strength) =>
      packSizes.map((packSize) => ({
        name,
        substance,
        atcCode,
        form,
        strength,
        packSize,
        prescriptionOnly: prescriptionOnly === '1',
        antibiotic: atcCode.startsWith('J01'),
        controlled: controlled === '1',
      })),
    );
  });
}

export function loadCatalog(path = CATALOG_CSV): CatalogProduct[] {
  return parseCatalog(readFileSync(path, 'utf8'));
}
