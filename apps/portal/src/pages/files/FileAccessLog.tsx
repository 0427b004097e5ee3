import { filesApi } from '../../api/files';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { useLoader } from '../../lib/use-loader';

/** Which doctor looked at which file, and when: the files part of the patient's access history. */
export function FileAccessLog({ version }: { version: number }) {
  const { t, lang } = useI18n();
  const log = useLoader(() => filesApi.accessLog(), [version]);
  const entries = log.data ?? [];
  return (
    <section className="panel" data-testid="file-access-log" data-state={log.loading ? 'loading' : 'ready'}>
      <h2 className="panel__title">{t.files.accessTitle}</h2>
      {entries.length === 0 ? (
        <p className="muted">{t.files.accessEmpty}</p>
      ) : (
        <ul className="files-access">
          {entries.map((entry) => (
            <li key={`${entry.fileId}-${entry.accessedAt}-${entry.action}`} data-testid="file-access-entry">
              {formatDateTime(entry.accessedAt, lang)}: {t.files.accessBy(entry.action)} „{entry.fileName}”
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
