import { isoInstantSql } from '@pacjent/platform';

/*
 * The patient's record views rendered by PostgreSQL: the same values as
 * record-views.ts builds from entities (record-json.int-spec.ts holds the two
 * together), for pages sent on as JSON text without being turned into
 * entities, objects and JSON again in consultations and the gateway.
 */

/** ReferralStatus on `now` (referralStatus() in record-views.ts), of a referral aliased `r`. */
const referralStatusSql = (now: string) => `CASE WHEN r.sessions_used >= r.sessions_total THEN 'used'
                      WHEN r.valid_until <= ${now} THEN 'expired'
                      ELSE 'active' END`;

/** The ReferralViews of the visit aliased `v`, oldest first, as a json array. */
const referralsJson = (now: string) => `coalesce((
    SELECT json_agg(json_build_object(
             'id', r.id, 'kind', r.kind,
             'service', json_build_object('id', r.service_id, 'name', r.service_name),
             'doctor', json_build_object('id', r.doctor_id, 'name', r.doctor_name),
             'appointmentId', r.appointment_id,
             'issuedAt', ${isoInstantSql('r.issued_at')}, 'validUntil', ${isoInstantSql('r.valid_until')},
             'sessionsTotal', r.sessions_total, 'sessionsUsed', r.sessions_used,
             'sessionsLeft', r.sessions_total - r.sessions_used,
             'status', ${referralStatusSql(now)}) ORDER BY r.issued_at, r.id)
      FROM "consultations"."referrals" r
     WHERE r.appointment_id = v.appointment_id), '[]'::json)`;

/** The QuestionViews of the visit aliased `v`, oldest first, as a json array. */
const questionsJson = `coalesce((
    SELECT json_agg(json_build_object(
             'id', q.id, 'appointmentId', q.appointment_id, 'text', q.text,
             'askedAt', ${isoInstantSql('q.asked_at')}, 'status', q.status, 'answer', q.answer,
             'answeredAt', ${isoInstantSql('q.answered_at')}) ORDER BY q.asked_at, q.id)
      FROM "consultations"."questions" q
     WHERE q.appointment_id = v.appointment_id), '[]'::json)`;

/** The ChatMessageViews of the online consultation aliased `c`, in order, as a json array (mapMessage). */
const transcriptJson = `coalesce((
    SELECT json_agg(json_strip_nulls(json_build_object(
             'consultationId', m.consultation_id, 'seq', m.seq, 'at', ${isoInstantSql('m.at')},
             'author', m.author, 'kind', m.kind, 'text', m.text, 'file', m.file)) ORDER BY m.seq)
      FROM "consultations"."online_messages" m
     WHERE m.consultation_id = c.id), '[]'::json)`;

/** Of an online consultation ended as the visit aliased `v`: RecordOnlineConsultationView; the visit's key otherwise absent. */
const endedOnline = `"consultations"."online_consultations" c WHERE c.id = v.appointment_id AND c.status = 'ended'`;
const onlineJson = `(SELECT json_build_object('consultationId', c.id, 'form', c.form, 'transcript', ${transcriptJson})
      FROM ${endedOnline})`;

const visitFields = (now: string) => `
    'id', v.appointment_id, 'status', v.status,
    'startsAt', ${isoInstantSql('v.starts_at')}, 'completedAt', ${isoInstantSql('v.completed_at')},
    'channel', v.channel,
    'service', json_build_object('id', v.service_id, 'name', v.service_name, 'kind', v.service_kind),
    'doctor', json_build_object('id', v.doctor_id, 'name', v.doctor_name),
    'recommendations', v.recommendations, 'diagnoses', v.diagnoses,
    'referrals', ${referralsJson(now)},
    'questions', ${questionsJson}`;

/**
 * The RecordVisitView (no notes) of the visit outcome aliased `v`, as json; `now` decides referral
 * statuses. An online consultation's visit also carries `online` with its transcript.
 */
export const recordVisitJson = (now: string) => `CASE WHEN EXISTS (SELECT 1 FROM ${endedOnline})
    THEN json_build_object(${visitFields(now)}, 'online', ${onlineJson})
    ELSE json_build_object(${visitFields(now)}) END`;
