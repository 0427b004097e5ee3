import type { FileView } from '@pacjent/contracts';
import { useState } from 'react';
import { filesApi } from '../../api/files';
import { useMe } from '../../auth/AuthProvider';
import { ErrorMessage, InfoNote, SuccessMessage, SuccessRegion } from '../../components/Alerts';
import { PageHeading } from '../../components/PageHeading';
import { describeError } from '../../i18n/errors';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';
import { loadState, useLoader } from '../../lib/use-loader';
import { Link } from '../../router';
import { FileAccessLog } from './FileAccessLog';
import { FileAttachments } from './FileAttachments';
import { FileUploadForm } from './FileUploadForm';
import { FILE_RULES_ID, formatOf, formatSize, MAX_FILES_PER_PATIENT } from './file-rules';

/** "Moje konto → Twoje pliki": documents for the doctor (full accounts). */
export function FilesPage() {
  const { t } = useI18n();
  const me = useMe();
  if (me.level !== 'full') {
    return (
      <div className="page" data-testid="files-locked">
        <PageHeading>{t.files.title}</PageHeading>
        <InfoNote>
          <p>{t.files.locked}</p>
          <Link to="/" data-testid="files-confirm-identity">
            {t.files.lockedLink}
          </Link>
        </InfoNote>
      </div>
    );
  }
  return <FilesOfFullAccount />;
}

function FilesOfFullAccount() {
  const { t, lang } = useI18n();
  const files = useLoader(() => filesApi.list(), []);
  const consultations = useLoader(() => filesApi.phoneConsultations(), []);
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<'added' | 'deleted' | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const remove = async (file: FileView) => {
    setActionError(null);
    setNotice(null);
    try {
      await filesApi.remove(file.id);
      setNotice('deleted');
    } catch (error) {
      setActionError(error);
    }
    setConfirming(null);
    files.reload();
  };
  const download = (file: FileView) => {
    setActionError(null);
    filesApi.download(file).catch(setActionError);
  };

  const list = files.data ?? [];
  const full = list.length >= MAX_FILES_PER_PATIENT;
  const state = loadState(files);

  return (
    <div className="page">
      <div className="page__head">
        <PageHeading>{t.files.title}</PageHeading>
        {!adding ? (
          <button
            type="button"
            className="button button--primary"
            data-testid="file-add"
            disabled={full}
            onClick={() => {
              setNotice(null);
              setAdding(true);
            }}
          >
            {t.files.add}
          </button>
        ) : null}
      </div>
      <p className="muted" id={FILE_RULES_ID} data-testid="file-rules">
        {t.files.rules}
      </p>
      {full ? <InfoNote>{t.files.limitReached}</InfoNote> : null}
      <SuccessRegion>
        {notice === 'added' ? <SuccessMessage testId="file-added">{t.files.added}</SuccessMessage> : null}
        {notice === 'deleted' ? <SuccessMessage testId="file-deleted">{t.files.deleted}</SuccessMessage> : null}
      </SuccessRegion>
      <ErrorMessage message={actionError ? describeError(actionError, t).message : null} />
      {adding ? (
        <FileUploadForm
          onCancel={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            setNotice('added');
            files.reload();
          }}
        />
      ) : null}
      <section className="panel" data-testid="files-list" data-state={state} aria-label={t.files.title}>
        <ErrorMessage message={files.error ? describeError(files.error, t).message : null} />
        {state === 'ready' && list.length === 0 ? <p className="empty">{t.files.empty}</p> : null}
        {list.length > 0 ? (
          <div className="files-table__wrap">
            <table className="files-table">
              <thead>
                <tr>
                  <th scope="col">{t.files.columns.name}</th>
                  <th scope="col">{t.files.columns.description}</th>
                  <th scope="col">{t.files.columns.added}</th>
                  <th scope="col">{t.files.columns.expires}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t.files.columns.actions}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((file) => (
                  <tr key={file.id} data-testid="file-row" data-file-id={file.id}>
                    <td>
                      <span className="files-table__name" data-testid="file-name">
                        {file.name}
                      </span>
                      <span className="muted">
                        {' '}
                        {formatOf(file.contentType)}, {formatSize(file.size, lang)}
                      </span>
                    </td>
                    <td>
                      <span data-testid="file-row-description">{file.description}</span>
                      <FileAttachments
                        file={file}
                        consultations={consultations.data ?? []}
                        onChanged={files.reload}
                        onError={setActionError}
                      />
                    </td>
                    <td data-label={t.files.columns.added}>{formatDateTime(file.uploadedAt, lang)}</td>
                    <td data-label={t.files.columns.expires}>{formatDateTime(file.expiresAt, lang)}</td>
                    <td className="files-table__actions">
                      {confirming === file.id ? (
                        <span className="confirm">
                          <span className="confirm__question">{t.files.deleteQuestion}</span>
                          <button
                            type="button"
                            className="button button--danger"
                            data-testid="file-delete-confirm"
                            onClick={() => void remove(file)}
                          >
                            {t.files.deleteYes}
                          </button>
                          <button type="button" className="button button--ghost" onClick={() => setConfirming(null)}>
                            {t.files.deleteNo}
                          </button>
                        </span>
                      ) : (
                        <>
                          <button
                            type="button"
                            className="button button--ghost"
                            data-testid="file-download"
                            onClick={() => download(file)}
                          >
                            {t.files.download}
                          </button>
                          <button
                            type="button"
                            className="button button--secondary"
                            data-testid="file-delete"
                            onClick={() => setConfirming(file.id)}
                          >
                            {t.files.delete}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <FileAccessLog version={files.data?.length ?? 0} />
    </div>
  );
}
