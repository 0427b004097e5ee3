import type { DoctorPatientRecordView } from '@pacjent/contracts';
import { consoleApi } from './api';
import { Loaded } from './Loaded';
import { formatDate, t } from './texts';

/** The patient's earlier record with this network, as the doctor of a visit reads it (the read is logged). */
export function PatientRecordPanel({ patientId }: { patientId: string }) {
  return (
    <Loaded load={() => consoleApi.patientRecord(patientId)} deps={[patientId]}>
      {(record) => <RecordVisits record={record} />}
    </Loaded>
  );
}

function RecordVisits({ record }: { record: DoctorPatientRecordView }) {
  return (
    <div className="card" data-testid="patient-record">
      <h2>{t.patientRecord}</h2>
      {record.visits.length === 0 ? <p className="muted">{t.noRecord}</p> : null}
      <ul className="list">
        {record.visits.map((visit) => (
          <li key={visit.id} data-testid="patient-record-visit" data-id={visit.id}>
            <strong>{formatDate(visit.startsAt)}</strong> · {visit.service.name} · {visit.doctor.name}
            <p>{visit.diagnoses.map((diagnosis) => `${diagnosis.code} ${diagnosis.name}`).join('; ')}</p>
            {visit.notes ? <p className="muted">{visit.notes}</p> : null}
            <p>{visit.recommendations}</p>
          </li>
        ))}
      </ul>
      {record.referrals.length > 0 ? (
        <>
          <h3>{t.referralsHeading}</h3>
          <ul className="list">
            {record.referrals.map((referral) => (
              <li key={referral.id}>
                {referral.service.name} · {referral.sessionsUsed}/{referral.sessionsTotal} · {referral.status}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
