import { useId, useRef, useState, type FormEvent } from 'react';
import { filesApi } from '../../api/files';
import { ErrorMessage } from '../../components/Alerts';
import { CheckboxField } from '../../components/Fields';
import { describeError } from '../../i18n/errors';
import { useI18n } from '../../i18n/I18nProvider';
import { ACCEPT, FILE_RULES_ID, FILE_DESCRIPTION_MAX, FILE_DESCRIPTION_MIN, MAX_FILE_BYTES } from './file-rules';

/** "Dodaj plik": file, description (counter, 5–75), consent, progress; every failure explained. */
export function FileUploadForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');
  const [consent, setConsent] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const length = description.trim().length;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const local: Record<string, string[]> = {};
    if (!file) local.file = [t.files.chooseFileFirst];
    else if (file.size > MAX_FILE_BYTES) local.file = [t.errors.FILE_TOO_LARGE];
    if (length < FILE_DESCRIPTION_MIN || length > FILE_DESCRIPTION_MAX) local.description = [t.files.descriptionRule];
    if (!consent) local.consent = [t.files.consentRequired];
    setFieldErrors(local);
    if (Object.keys(local).length > 0 || !file) return;
    setProgress(0);
    try {
      await filesApi.upload({ file, description: description.trim(), consent }, setProgress);
      onDone();
    } catch (caught) {
      setError(caught);
      setProgress(null);
    }
  };

  const explained = error ? describeError(error, t, ['description', 'consent']) : null;
  const errorsOf = (field: string) => fieldErrors[field] ?? explained?.fields[field];
  const uploading = progress !== null;

  return (
    <form className="panel form files-form" onSubmit={(event) => void submit(event)} noValidate data-testid="file-form">
      <h2 className="panel__title">{t.files.addTitle}</h2>
      <div className={errorsOf('file') ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-file`} className="field__label">
          {t.files.file}
        </label>
        <input
          ref={fileInput}
          id={`${id}-file`}
          type="file"
          accept={ACCEPT}
          className="field__control"
          data-testid="file-input"
          aria-invalid={errorsOf('file') ? true : undefined}
          aria-describedby={errorsOf('file') ? `${id}-file-error ${FILE_RULES_ID}` : FILE_RULES_ID}
          disabled={uploading}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        {errorsOf('file') ? (
          <p id={`${id}-file-error`} className="field__error" data-testid="field-error" data-field="file">
            {errorsOf('file')!.join(' ')}
          </p>
        ) : null}
      </div>
      <div className={errorsOf('description') ? 'field field--invalid' : 'field'}>
        <label htmlFor={`${id}-description`} className="field__label">
          {t.files.description}
        </label>
        <input
          id={`${id}-description`}
          className="field__control"
          data-testid="file-description"
          maxLength={FILE_DESCRIPTION_MAX}
          value={description}
          disabled={uploading}
          aria-invalid={errorsOf('description') ? true : undefined}
          aria-describedby={`${id}-description-hint`}
          onChange={(event) => setDescription(event.target.value)}
        />
        <p id={`${id}-description-hint`} className="field__hint files-form__counter">
          <span>{t.files.descriptionMin}</span>
          <span data-testid="file-description-counter">
            {length}/{FILE_DESCRIPTION_MAX}
          </span>
        </p>
        {errorsOf('description') ? (
          <p className="field__error" data-testid="field-error" data-field="description">
            {errorsOf('description')!.join(' ')}
          </p>
        ) : null}
      </div>
      <CheckboxField
        id={`${id}-consent`}
        label={t.files.consent}
        testId="file-consent"
        checked={consent}
        disabled={uploading}
        errors={errorsOf('consent')}
        onChange={(event) => setConsent(event.target.checked)}
      />
      {uploading ? (
        <div className="files-form__progress">
          <progress max={1} value={progress} data-testid="file-progress" aria-label={t.files.uploading} />
          <span>{Math.round(progress * 100)}%</span>
        </div>
      ) : null}
      <ErrorMessage message={explained?.message} />
      <div className="form__actions">
        <button type="button" className="button button--ghost" onClick={onCancel} disabled={uploading}>
          {t.files.cancel}
        </button>
        <button type="submit" className="button button--primary" data-testid="file-submit" disabled={uploading}>
          {uploading ? t.files.uploading : t.files.submit}
        </button>
      </div>
    </form>
  );
}
