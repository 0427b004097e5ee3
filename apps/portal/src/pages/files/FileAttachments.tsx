import type { AppointmentView, FileView } from '@pacjent/contracts';
import { useId, useState } from 'react';
import { filesApi } from '../../api/files';
import { formatDateTime } from '../../i18n/format';
import { useI18n } from '../../i18n/I18nProvider';

/** A file's phone consultations: the ones it is attached to (detach) and a picker to attach it to another. */
export function FileAttachments({
  file,
  consultations,
  onChanged,
  onError,
}: {
  file: FileView;
  consultations: AppointmentView[];
  onChanged: () => void;
  onError: (error: unknown) => void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const label = (appointment: AppointmentView) =>
    `${appointment.slot.service.name}, ${appointment.slot.doctor.name}, ${formatDateTime(appointment.slot.startsAt, lang)}`;
  const attached = consultations.filter((c) => file.appointmentIds.includes(c.id));
  const attachable = consultations.filter((c) => !file.appointmentIds.includes(c.id));

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
      setChoice('');
      onChanged();
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="files-attachments" data-testid="file-attachments">
      {attached.map((appointment) => (
        <p key={appointment.id} className="files-attachments__item" data-testid="file-attached-to">
          {t.files.attachedTo} {label(appointment)}{' '}
          <button
            type="button"
            className="button button--ghost"
            data-testid="file-detach"
            disabled={busy}
            onClick={() => void run(() => filesApi.detach(file.id, appointment.id))}
          >
            {t.files.detach}
          </button>
        </p>
      ))}
      {attachable.length > 0 ? (
        <div className="files-attachments__pick">
          <label htmlFor={`${id}-visit`} className="visually-hidden">
            {t.files.attachLabel}
          </label>
          <select
            id={`${id}-visit`}
            className="field__control"
            data-testid="file-attach-select"
            value={choice}
            disabled={busy}
            onChange={(event) => setChoice(event.target.value)}
          >
            <option value="">{t.files.attachLabel}</option>
            {attachable.map((appointment) => (
              <option key={appointment.id} value={appointment.id}>
                {label(appointment)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--secondary"
            data-testid="file-attach"
            disabled={busy || !choice}
            onClick={() => void run(() => filesApi.attach(file.id, choice))}
          >
            {t.files.attach}
          </button>
        </div>
      ) : null}
    </div>
  );
}
