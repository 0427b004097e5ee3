/** A queue's status picker: one option per status, in the order of `labels`. */
export function StatusFilter<S extends string>({
  label,
  value,
  labels,
  testId,
  onChange,
}: {
  label: string;
  value: S;
  labels: Record<S, string>;
  testId: string;
  onChange: (status: S) => void;
}) {
  return (
    <label className="field field--inline">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as S)} data-testid={testId}>
        {(Object.entries(labels) as [S, string][]).map(([status, text]) => (
          <option key={status} value={status}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
