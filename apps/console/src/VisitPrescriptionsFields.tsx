import type { MedicineView, RefundLevel, VisitPrescriptionLineDto } from '@pacjent/contracts';
import { useEffect, useState } from 'react';
import { consoleApi } from './api';

/*
 * MAX_PRESCRIPTIONS_PER_VISIT of libs/contracts/src/prescriptions.ts, repeated
 * because the console may import only types from contracts (its values pull
 * Nest into the bundle). The server enforces it; this only stops the form early.
 */
const MAX_PRESCRIPTIONS_PER_VISIT = 5;

export const visitPrescriptionTexts = {
  heading: 'e-Recepty',
  search: 'Szukaj leku (nazwa lub substancja)',
  dosage: 'Dawkowanie',
  quantity: 'Opakowania',
  refund: 'Odpłatność',
  refundLevels: { '100%': '100%', '50%': '50%', '30%': '30%', R: 'ryczałt', B: 'bezpłatny' } satisfies Record<
    RefundLevel,
    string
  >,
  validDays: 'Ważność (dni)',
  validDaysHint: 'puste: 30 dni, antybiotyk 7',
  supplyDays: 'Na ile dni leczenia',
  noSubstitution: 'Nie zamieniać',
  remove: 'Usuń lek',
  limit: `Najwyżej ${MAX_PRESCRIPTIONS_PER_VISIT} leków na wizytę.`,
  antibiotic: 'antybiotyk',
  controlled: 'Rpw',
  issuing: (count: number) =>
    count === 1 ? 'Wystawiamy 1 e-Receptę.' : `Wystawiamy ${count} e-Recepty (każdy lek osobno).`,
};

/** One medicine in the form, with the product it names (for its label). */
export interface PrescriptionLine {
  medicine: MedicineView;
  dosage: string;
  quantity: number;
  refundLevel: RefundLevel;
  noSubstitution: boolean;
  validDays: string;
  supplyDays: string;
}

/** What the outcome sends for a line: the server's defaults where the doctor left a field empty. */
export function toVisitPrescription(line: PrescriptionLine): VisitPrescriptionLineDto {
  const validDays = line.validDays.trim() ? Number(line.validDays) : undefined;
  const supplyDays = line.supplyDays.trim() ? Number(line.supplyDays) : undefined;
  return {
    medicineId: line.medicine.id,
    dosage: line.dosage,
    quantity: line.quantity,
    refundLevel: line.refundLevel,
    ...(line.noSubstitution ? { noSubstitution: true } : {}),
    ...(validDays !== undefined ? { validDays } : {}),
    ...(supplyDays !== undefined ? { supplyDays } : {}),
  };
}

/**
 * The medicines prescribed in the visit outcome form: catalog search, then
 * dosage, packs, refund level and validity per medicine. Each line becomes
 * its own e-prescription when the visit is completed (ADR 0017).
 */
export function VisitPrescriptionsFields({
  lines,
  onChange,
}: {
  lines: PrescriptionLine[];
  onChange: (lines: PrescriptionLine[]) => void;
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<MedicineView[]>([]);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) return setFound([]);
    let active = true;
    consoleApi.searchMedicines(q).then(
      (medicines) => active && setFound(medicines),
      () => active && setFound([]),
    );
    return () => {
      active = false;
    };
  }, [query]);

  const change = (index: number, patch: Partial<PrescriptionLine>) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  const add = (medicine: MedicineView) => {
    setQuery('');
    if (lines.length >= MAX_PRESCRIPTIONS_PER_VISIT || lines.some((line) => line.medicine.id === medicine.id)) return;
    onChange([
      ...lines,
      {
        medicine,
        dosage: '',
        quantity: 1,
        refundLevel: '100%',
        noSubstitution: false,
        validDays: '',
        supplyDays: '',
      },
    ]);
  };

  return (
    <fieldset className="field" data-testid="outcome-prescriptions">
      <legend>{visitPrescriptionTexts.heading}</legend>
      <ul className="list">
        {lines.map((line, index) => (
          <li key={line.medicine.id} data-testid="outcome-prescription" data-medicine={line.medicine.name}>
            <strong>
              {line.medicine.name} {line.medicine.strength}
            </strong>{' '}
            {line.medicine.form}, {line.medicine.packSize} szt.
            {line.medicine.antibiotic ? ` · ${visitPrescriptionTexts.antibiotic}` : ''}
            {line.medicine.controlled ? ` · ${visitPrescriptionTexts.controlled}` : ''}
            <label className="field">
              {visitPrescriptionTexts.dosage}
              <input
                value={line.dosage}
                required
                maxLength={200}
                placeholder="1 tabl. 2 x dziennie"
                onChange={(e) => change(index, { dosage: e.target.value })}
                data-testid="outcome-prescription-dosage"
              />
            </label>
            <label className="field field--inline">
              {visitPrescriptionTexts.quantity}
              <input
                type="number"
                min={1}
                max={30}
                value={line.quantity}
                onChange={(e) => change(index, { quantity: Number(e.target.value) })}
                data-testid="outcome-prescription-quantity"
              />
            </label>
            <label className="field field--inline">
              {visitPrescriptionTexts.refund}
              <select
                value={line.refundLevel}
                onChange={(e) => change(index, { refundLevel: e.target.value as RefundLevel })}
                data-testid="outcome-prescription-refund"
              >
                {Object.entries(visitPrescriptionTexts.refundLevels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field--inline">
              {visitPrescriptionTexts.validDays}
              <input
                type="number"
                min={1}
                max={365}
                value={line.validDays}
                placeholder={visitPrescriptionTexts.validDaysHint}
                onChange={(e) => change(index, { validDays: e.target.value })}
                data-testid="outcome-prescription-valid-days"
              />
            </label>
            {Number(line.validDays) > 30 ? (
              <label className="field field--inline">
                {visitPrescriptionTexts.supplyDays}
                <input
                  type="number"
                  min={1}
                  max={360}
                  required
                  value={line.supplyDays}
                  onChange={(e) => change(index, { supplyDays: e.target.value })}
                  data-testid="outcome-prescription-supply-days"
                />
              </label>
            ) : null}
            <label className="field field--inline">
              <input
                type="checkbox"
                checked={line.noSubstitution}
                onChange={(e) => change(index, { noSubstitution: e.target.checked })}
                data-testid="outcome-prescription-no-substitution"
              />
              {visitPrescriptionTexts.noSubstitution}
            </label>
            <button
              type="button"
              className="button button--small button--link"
              onClick={() => onChange(lines.filter((_, i) => i !== index))}
            >
              {visitPrescriptionTexts.remove}
            </button>
          </li>
        ))}
      </ul>
      {lines.length < MAX_PRESCRIPTIONS_PER_VISIT ? (
        <>
          <input
            type="search"
            aria-label={visitPrescriptionTexts.search}
            placeholder={visitPrescriptionTexts.search}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="outcome-medicine-search"
          />
          <ul className="list">
            {found.map((medicine) => (
              <li key={medicine.id}>
                <button
                  type="button"
                  className="button button--small button--link"
                  data-testid="outcome-medicine-option"
                  data-name={medicine.name}
                  data-strength={medicine.strength}
                  onClick={() => add(medicine)}
                >
                  {medicine.name} {medicine.strength} · {medicine.form} · {medicine.packSize} szt. ({medicine.substance}
                  )
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{visitPrescriptionTexts.limit}</p>
      )}
    </fieldset>
  );
}
