import type { FileView } from '@pacjent/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { filesApi } from '../../api/files';
import { useI18n } from '../../i18n/I18nProvider';

/** Shares one of "Twoje pliki" with the doctor of the consultation. */
export function ShareFile({ onShare, disabled }: { onShare: (fileId: string) => void; disabled: boolean }) {
  const { t } = useI18n();
  const [files, setFiles] = useState<FileView[] | null>(null);
  const [chosen, setChosen] = useState('');

  useEffect(() => {
    let active = true;
    filesApi.list().then(
      (list) => {
        if (!active) return;
        setFiles(list);
        setChosen(list[0]?.id ?? '');
      },
      () => active && setFiles([]),
    );
    return () => {
      active = false;
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) onShare(chosen);
  };

  if (files === null) return null;
  return (
    <form className="form share-file" onSubmit={submit} data-testid="online-share-form">
      <h3>{t.online.shareFile}</h3>
      {files.length === 0 ? (
        <p className="muted">{t.online.noFiles}</p>
      ) : (
        <>
          <label className="field" htmlFor="online-share-file">
            {t.online.chooseFile}
          </label>
          <select
            id="online-share-file"
            value={chosen}
            disabled={disabled}
            data-testid="online-share-file"
            onChange={(event) => setChosen(event.target.value)}
          >
            {files.map((file) => (
              <option key={file.id} value={file.id}>
                {file.name} — {file.description}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--ghost" disabled={disabled} data-testid="online-share">
            {t.online.share}
          </button>
        </>
      )}
    </form>
  );
}
