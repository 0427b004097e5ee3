import { t } from './texts';

interface DocumentFieldsProps {
  documentType: string;
  onDocumentType: (value: string) => void;
  last4: string;
  onLast4: (value: string) => void;
  /** Prefix of the fields' test ids: `<prefix>-document-type`, `<prefix>-document-last4`. */
  testIdPrefix: string;
}

/** The identity document staff saw: its type and the last four characters of its number. */
export function DocumentFields({ documentType, onDocumentType, last4, onLast4, testIdPrefix }: DocumentFieldsProps) {
  return (
    <>
      <label className="field">
        {t.documentType}
        <select
          value={documentType}
          onChange={(e) => onDocumentType(e.target.value)}
          data-testid={`${testIdPrefix}-document-type`}
        >
          {Object.entries(t.documents).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t.last4}
        <input
          value={last4}
          required
          minLength={4}
          maxLength={4}
          pattern="[A-Za-z0-9]{4}"
          onChange={(e) => onLast4(e.target.value)}
          data-testid={`${testIdPrefix}-document-last4`}
        />
      </label>
    </>
  );
}
