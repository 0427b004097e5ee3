import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

interface FieldFrame {
  id: string;
  label: string;
  hint?: ReactNode;
  /** Messages shown under the field; any message marks it invalid. */
  errors?: string[];
  /** Text after the label for optional fields, e.g. "opcjonalnie". */
  optionalText?: string;
  testId: string;
}

function describedBy(id: string, hint: ReactNode, errors: string[] | undefined): string | undefined {
  const ids = [errors?.length ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldMessages({ id, hint, errors }: { id: string; hint: ReactNode; errors?: string[] }) {
  return (
    <>
      {errors?.length ? (
        <p id={`${id}-error`} className="field__error" data-testid="field-error" data-field={id}>
          {errors.join(' ')}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </>
  );
}

function Label({ id, label, optionalText }: { id: string; label: string; optionalText?: string }) {
  return (
    <label htmlFor={id} className="field__label">
      {label}
      {optionalText ? <span className="field__optional"> ({optionalText})</span> : null}
    </label>
  );
}

/** Label, control and messages of a labelled field; `control` gets the accessibility props the frame owns. */
function LabelledField({
  id,
  label,
  hint,
  errors,
  optionalText,
  testId,
  control,
}: FieldFrame & { control: (props: ControlProps) => ReactNode }) {
  const invalid = Boolean(errors?.length);
  return (
    <div className={invalid ? 'field field--invalid' : 'field'}>
      <Label id={id} label={label} optionalText={optionalText} />
      {control({
        id,
        name: id,
        className: 'field__control',
        'aria-invalid': invalid || undefined,
        'aria-describedby': describedBy(id, hint, errors),
        'data-testid': testId,
      })}
      <FieldMessages id={id} hint={hint} errors={errors} />
    </div>
  );
}

interface ControlProps {
  id: string;
  name: string;
  className: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'data-testid': string;
}

export function TextField({
  id,
  label,
  hint,
  errors,
  optionalText,
  testId,
  ...input
}: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <LabelledField
      {...{ id, label, hint, errors, optionalText, testId }}
      control={(props) => <input {...props} {...input} />}
    />
  );
}

export function SelectField({
  id,
  label,
  hint,
  errors,
  optionalText,
  testId,
  children,
  ...select
}: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <LabelledField
      {...{ id, label, hint, errors, optionalText, testId }}
      control={(props) => (
        <select {...props} {...select}>
          {children}
        </select>
      )}
    />
  );
}

export function CheckboxField({
  id,
  label,
  errors,
  testId,
  ...input
}: Omit<FieldFrame, 'hint' | 'optionalText' | 'label'> & {
  /** May hold a link (e.g. to the terms). */
  label: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const invalid = Boolean(errors?.length);
  return (
    <div className={invalid ? 'field field--check field--invalid' : 'field field--check'}>
      <input
        id={id}
        name={id}
        type="checkbox"
        className="field__checkbox"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        data-testid={testId}
        {...input}
      />
      <label htmlFor={id} className="field__label field__label--check">
        {label}
      </label>
      <FieldMessages id={id} hint={null} errors={errors} />
    </div>
  );
}
