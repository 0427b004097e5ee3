import type { MedicineView } from '@pacjent/contracts';

/** A medicines row as the repositories select it (snake_case columns, possibly under a prefix). */
export interface MedicineRow {
  id: string;
  name: string;
  substance: string;
  atc_code: string;
  form: string;
  strength: string;
  pack_size: number;
  prescription_only: boolean;
  antibiotic: boolean;
  controlled: boolean;
}

export const MEDICINE_COLUMNS =
  'm.id, m.name, m.substance, m.atc_code, m.form, m.strength, m.pack_size, m.prescription_only, m.antibiotic, m.controlled';

/** The same columns as one JSON object (for rows that carry their medicine). */
export const MEDICINE_JSON = `json_build_object('id', m.id, 'name', m.name, 'substance', m.substance,
  'atcCode', m.atc_code, 'form', m.form, 'strength', m.strength, 'packSize', m.pack_size,
  'prescriptionOnly', m.prescription_only, 'antibiotic', m.antibiotic, 'controlled', m.controlled)`;

export function toMedicineView(row: MedicineRow): MedicineView {
  return {
    id: row.id,
    name: row.name,
    substance: row.substance,
    atcCode: row.atc_code,
    form: row.form,
    strength: row.strength,
    packSize: row.pack_size,
    prescriptionOnly: row.prescription_only,
    antibiotic: row.antibiotic,
    controlled: row.controlled,
  };
}
