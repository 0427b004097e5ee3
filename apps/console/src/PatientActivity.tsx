import type { StaffPatientActivityView } from '@pacjent/contracts';
import { consoleApi } from './api';
import { currentLang, localeOf } from './i18n';
import { Loaded } from './Loaded';
import { formatDate, t } from './texts';

const FORMATS: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

/** "1,2 MB", "178 B": a file's size in the console's language. */
function formatSize(bytes: number): string {
  const locale = localeOf(currentLang());
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / 1024 / 1024, 'MB'];
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}

/**
 * The patient's visits (booking) and files (only what staff may see: format,
 * size and dates — never the name, description or content). Opening it is
 * written to the patient's access history, as a doctor's record read is.
 */
export function PatientActivity({ patientId }: { patientId: string }) {
  return (
    <Loaded load={() => consoleApi.patientActivity(patientId)} deps={[patientId]} errorTestId="patient-activity-error">
      {(activity) => <ActivityLists activity={activity} />}
    </Loaded>
  );
}

function ActivityLists({ activity }: { activity: StaffPatientActivityView }) {
  return (
    <section className="card" data-testid="patient-activity" aria-labelledby="patient-visits-heading">
      <h2 id="patient-visits-heading">{t.visitsHeading}</h2>
      <ul className="list" data-testid="patient-visits">
        {activity.visits.length === 0 ? <li className="muted">{t.noPatientVisits}</li> : null}
        {activity.visits.map((visit) => (
          <li key={visit.id} data-testid="patient-visit" data-id={visit.id} data-status={visit.status}>
            <span>
              <strong>{formatDate(visit.slot.startsAt)}</strong> · {visit.slot.service.name} · {visit.slot.doctor.name}{' '}
              · {t.visitChannels[visit.slot.channel] ?? visit.slot.channel}
              {visit.slot.facility ? ` · ${visit.slot.facility.name}, ${visit.slot.facility.city}` : ''} ·{' '}
              {t.visitStatuses[visit.status] ?? visit.status}
            </span>
          </li>
        ))}
      </ul>
      <h2>{t.filesHeading}</h2>
      <p className="muted">{t.filesStaffNote}</p>
      <ul className="list" data-testid="patient-files">
        {activity.files.length === 0 ? <li className="muted">{t.noPatientFiles}</li> : null}
        {activity.files.map((file) => (
          <li key={file.id} data-testid="patient-file" data-id={file.id}>
            {FORMATS[file.contentType] ?? file.contentType} · {formatSize(file.size)} · {t.fileAdded}{' '}
            {formatDate(file.uploadedAt)} · {t.fileExpires} {formatDate(file.expiresAt)}
          </li>
        ))}
      </ul>
    </section>
  );
}
