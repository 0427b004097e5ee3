import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  FALLBACK_SLOTS_PER_CHANNEL,
  ONLINE_FORMS,
  onlineChatSubject,
  type Actor,
  type ChatMessageStored,
  type ChatMessageView,
  type DoctorDutyView,
  type SharedFileView,
  type EndOnlineConsultationCommand,
  type GoOnDutyDto,
  type OnlineConsultationAccess,
  type OnlineConsultationView,
  type OnlineFallbackSlotsView,
  type OnlineSharedFileGrant,
  type OnlineSpecialtyService,
  type OnlineSpecialtyView,
  type StartOnlineConsultationDto,
} from '@pacjent/contracts';
import { Clock, type OutboxRow } from '@pacjent/platform';
import type { EntityManager } from 'typeorm';
import { BookingClient } from '../clients/booking.client';
import { FilesClient } from '../clients/files.client';
import { IdentityClient } from '../clients/identity.client';
import { ConsultationsConfig } from '../config';
import { ConsultationsEvents } from '../events/consultations-events';
import { Icd10Service } from '../icd10/icd10.service';
import { VisitOutcomeEntity } from '../visits/visit-outcome.entity';
import { VisitsRepository } from '../visits/visits.repository';
import { VisitsService } from '../visits/visits.service';
import { OnlineBroadcast } from './online-broadcast';
import type { OnlineConsultationEntity } from './online-consultation.entity';
import { channelOf, estimateWaitMinutes, formsOf, mapConsultation, mapMessage } from './online-views';
import { OnlineRepository, type NewChatEntry } from './online.repository';

const notFound = () => new DomainError(ErrorCode.NOT_FOUND, 'No such consultation.');
const notInProgress = () =>
  new DomainError(ErrorCode.ONLINE_CONSULTATION_CLOSED, 'This consultation is not in progress.');
/** A doctor may open a file shared with them while the consultation runs and after it ended (it is in the visit). */
const GRANTING_STATUSES: ReadonlySet<string> = new Set(['active', 'ended']);

/**
 * "Konsultacje online": the queue of each specialty and form, doctors on
 * duty taking the oldest waiting patient, the transcript, and the end with
 * the outcome of a completed visit (filed in the record under the
 * consultation's id). Only the two participants see a consultation; anyone
 * else gets NOT_FOUND.
 */
@Injectable()
export class OnlineService {
  constructor(
    private readonly online: OnlineRepository,
    private readonly booking: BookingClient,
    private readonly identity: IdentityClient,
    private readonly files: FilesClient,
    private readonly visits: VisitsRepository,
    private readonly visitsService: VisitsService,
    private readonly icd10: Icd10Service,
    private readonly events: ConsultationsEvents,
    private readonly broadcast: OnlineBroadcast,
    private readonly config: ConsultationsConfig,
    private readonly clock: Clock,
  ) {}

  // --- the patient --------------------------------------------------------------------------------------

  async specialties(): Promise<OnlineSpecialtyView[]> {
    const [catalog, duty, waiting] = await Promise.all([
      this.booking.onlineSpecialtyServices(),
      this.online.dutyCounts(),
      this.online.waitingCounts(),
    ]);
    return Promise.all(
      catalog.map(async (offer) => {
        const doctorsOnDuty = duty.get(offer.specialty) ?? 0;
        const waitingNow = waiting.get(offer.specialty) ?? 0;
        return {
          specialty: offer.specialty,
          forms: formsOf(offer.channels),
          doctorsOnDuty,
          waiting: waitingNow,
          estimatedWaitMinutes: estimateWaitMinutes(waitingNow + 1, doctorsOnDuty, await this.average(offer.specialty)),
        };
      }),
    );
  }

  async start(patient: Actor, command: StartOnlineConsultationDto): Promise<OnlineConsultationView> {
    const offer = await this.offerOf(command.specialty);
    if (!offer || !formsOf(offer.channels).includes(command.form)) {
      throw new DomainError(ErrorCode.SPECIALTY_NOT_OFFERED, 'This specialty is not offered online in that form.');
    }
    const onDuty = (await this.online.dutyCounts()).get(`${command.specialty}/${command.form}`) ?? 0;
    if (onDuty === 0) {
      throw new DomainError(ErrorCode.NO_DOCTOR_ON_DUTY, 'Nobody is on duty for this specialty now.', {
        fallbackSlots: `/api/online/specialties/${encodeURIComponent(command.specialty)}/fallback-slots`,
      });
    }
    const identity = await this.identity.ownIdentity(patient);
    const started = await this.online.start({
      patientId: patient.id,
      patientName: identity ? `${identity.firstName} ${identity.lastName}` : '',
      patientBirthDate: identity?.birthDate ?? null,
      specialty: offer.specialty,
      form: command.form,
      serviceId: offer.serviceId,
      serviceName: offer.serviceName,
      serviceKind: offer.serviceKind,
      requestedAt: this.clock.now(),
    });
    if (!started) {
      throw new DomainError(ErrorCode.ONLINE_CONSULTATION_OPEN, 'You already have an open online consultation.');
    }
    this.broadcast.changed([started.id], [started.specialty]);
    return this.view(started);
  }

  async get(patient: Actor, id: string): Promise<OnlineConsultationView> {
    const consultation = await this.online.find(id);
    if (!consultation || consultation.patientId !== patient.id) throw notFound();
    return this.view(consultation);
  }

  async leave(patient: Actor, id: string): Promise<OnlineConsultationView> {
    const left = await this.online.leave(id, patient.id, this.clock.now());
    if (!left) {
      await this.get(patient, id); // NOT_FOUND when not theirs
      throw new DomainError(ErrorCode.ONLINE_CONSULTATION_CLOSED, 'This consultation has already ended.');
    }
    this.broadcast.changed([left.id], [left.specialty]);
    return this.view(left);
  }

  async messages(actor: Actor, id: string, after: number): Promise<ChatMessageView[]> {
    await this.access(actor, id);
    return (await this.online.messagesAfter([id], after)).map(mapMessage);
  }

  /** Booking's next free phone and video slots of the specialty, and why they are proposed. */
  async fallbackSlots(specialty: string): Promise<OnlineFallbackSlotsView> {
    const offer = await this.offerOf(specialty);
    if (!offer) throw new DomainError(ErrorCode.NOT_FOUND, 'No such specialty online.');
    const view = (await this.specialties()).find((item) => item.specialty === specialty)!;
    const reason =
      view.doctorsOnDuty === 0
        ? 'nobody_on_duty'
        : (view.estimatedWaitMinutes ?? 0) > this.config.ONLINE_MAX_WAIT_MINUTES
          ? 'wait_too_long'
          : null;
    const [phone, video] = await Promise.all(
      (['phone', 'video'] as const).map((channel) =>
        offer.channels.includes(channel)
          ? this.booking.freeSlots(offer.serviceId, channel, FALLBACK_SLOTS_PER_CHANNEL)
          : Promise.resolve([]),
      ),
    );
    return { specialty, reason, phone: phone!, video: video! };
  }

  /** The gateway holds a live page of the patient showing these consultations. */
  async presence(patient: Actor, ids: string[]): Promise<{ seen: number }> {
    await this.online.touch(patient.id, ids, this.clock.now());
    return { seen: ids.length };
  }

  // --- the doctor ---------------------------------------------------------------------------------------

  async duty(doctor: Actor): Promise<DoctorDutyView> {
    const [available, duty] = await Promise.all([this.availableTo(doctor), this.online.dutyOf(doctor.id)]);
    return {
      onDuty: duty !== null,
      specialties: duty?.specialties ?? [],
      forms: duty?.forms ?? [],
      since: duty?.since.toISOString() ?? null,
      available: {
        specialties: available.map((offer) => offer.specialty),
        forms: ONLINE_FORMS.filter((form) => available.some((offer) => formsOf(offer.channels).includes(form))),
      },
    };
  }

  async goOnDuty(doctor: Actor, command: GoOnDutyDto): Promise<DoctorDutyView> {
    const profile = await this.booking.doctorProfile(doctor);
    const available = await this.availableTo(doctor, profile.specialties);
    const offered = new Map(available.map((offer) => [offer.specialty, formsOf(offer.channels)]));
    const refused = command.specialties.filter((specialty) => !offered.has(specialty));
    if (refused.length > 0) {
      throw new DomainError(ErrorCode.SPECIALTY_NOT_OFFERED, 'You cannot take online patients of these specialties.', {
        specialties: refused,
      });
    }
    const specialties = [...new Set(command.specialties)];
    const forms = [...new Set(command.forms)];
    await this.online.goOnDuty({
      doctorAccountId: doctor.id,
      doctorId: profile.doctorId,
      doctorName: profile.name,
      specialties,
      forms,
      since: this.clock.now(),
    });
    this.broadcast.changed([], specialties);
    return this.duty(doctor);
  }

  async goOffDuty(doctor: Actor): Promise<DoctorDutyView> {
    const duty = await this.online.dutyOf(doctor.id);
    await this.online.goOffDuty(doctor.id);
    this.broadcast.changed([], duty?.specialties ?? []);
    return this.duty(doctor);
  }

  async queue(doctor: Actor): Promise<OnlineConsultationView[]> {
    return Promise.all((await this.online.queueOf(doctor.id)).map((consultation) => this.view(consultation)));
  }

  async takeNext(doctor: Actor): Promise<OnlineConsultationView> {
    const duty = await this.online.dutyOf(doctor.id);
    if (!duty) throw new DomainError(ErrorCode.NOT_ON_DUTY, 'Go on duty first.');
    const taken = await this.online.takeNext(duty, this.clock.now());
    if (!taken) throw new DomainError(ErrorCode.ONLINE_QUEUE_EMPTY, 'Nobody is waiting for your specialties.');
    this.broadcast.changed([taken.id], [taken.specialty]);
    return this.view(taken);
  }

  async doctorGet(doctor: Actor, id: string): Promise<OnlineConsultationView> {
    const consultation = await this.online.find(id);
    if (!consultation || consultation.doctorAccountId !== doctor.id) throw notFound();
    return this.view(consultation);
  }

  /**
   * The doctor ends the consultation with the outcome of a completed visit:
   * the transcript's closing entry, the status, the outcome and its referrals
   * in one transaction. The outcome is the record's visit under the
   * consultation's id ("Twoja historia" shows it with the transcript).
   */
  async end(doctor: Actor, command: EndOnlineConsultationCommand): Promise<OnlineConsultationView> {
    const consultation = await this.online.find(command.consultationId);
    if (!consultation || consultation.doctorAccountId !== doctor.id) throw notFound();
    if (consultation.status !== 'active') {
      throw new DomainError(ErrorCode.ONLINE_CONSULTATION_CLOSED, 'This consultation is not in progress.');
    }
    const now = this.clock.now();
    const diagnoses = this.icd10.resolve(command.diagnoses);
    const visit = {
      appointmentId: consultation.id,
      patientId: consultation.patientId,
      doctor: { id: consultation.doctorId!, name: consultation.doctorName! },
    };
    const referrals = await this.visitsService.referralsOf(visit, command.referrals, now);
    const ended = await this.online.transaction(async (tx) => {
      const closing = await this.appendIn(tx, consultation.id, { author: 'system', kind: 'ended' }, now);
      const done = closing ? await this.online.end(tx, consultation.id, doctor.id, now) : null;
      if (!done) throw new DomainError(ErrorCode.ONLINE_CONSULTATION_CLOSED, 'This consultation is not in progress.');
      const outcome = Object.assign(new VisitOutcomeEntity(), {
        appointmentId: done.id,
        patientId: done.patientId,
        doctorAccountId: doctor.id,
        doctorId: done.doctorId!,
        doctorName: done.doctorName!,
        serviceId: done.serviceId,
        serviceName: done.serviceName,
        serviceKind: done.serviceKind,
        channel: channelOf(done.form),
        startsAt: done.startedAt!,
        status: 'completed',
        notes: command.notes,
        recommendations: command.recommendations,
        diagnoses,
        completedAt: now,
        idempotencyKey: null,
        requestHash: null,
        openQuestions: 0,
      } satisfies VisitOutcomeEntity);
      if (!(await this.visits.insertOutcome(tx, outcome))) throw notFound();
      await this.visits.insertReferrals(tx, referrals);
      return done;
    });
    void this.events.flush();
    this.broadcast.changed([ended.id], [ended.specialty]);
    return this.view(ended);
  }

  // --- the real-time edge -------------------------------------------------------------------------------

  /** Who the actor is in the consultation; NOT_FOUND for anyone but its patient and its doctor. */
  async access(actor: Actor, id: string): Promise<OnlineConsultationAccess> {
    const consultation = await this.online.find(id);
    if (consultation?.patientId === actor.id) {
      return {
        consultationId: id,
        role: 'patient',
        peerUserId: consultation.doctorAccountId,
        status: consultation.status,
      };
    }
    if (consultation && consultation.doctorAccountId === actor.id) {
      return { consultationId: id, role: 'doctor', peerUserId: consultation.patientId, status: consultation.status };
    }
    throw notFound();
  }

  /** A chat line; one the sender already stored under `clientMessageId` answers its seq again and adds nothing. */
  async sendChat(actor: Actor, id: string, text: string, clientMessageId?: string): Promise<ChatMessageStored> {
    return this.appendAs(actor, id, { kind: 'text', text, ...(clientMessageId ? { clientMessageId } : {}) });
  }

  async recordCall(actor: Actor, id: string, kind: 'call_started' | 'call_ended'): Promise<ChatMessageStored> {
    return this.appendAs(actor, id, { kind });
  }

  /**
   * The patient shares one of their stored files (ADR 0019): files vouches for it (ownership, name, type,
   * size), and a `file` entry joins the transcript like a chat message. A file already shared there answers
   * its entry's seq and adds nothing: under the consultation's row lock a concurrent share sees the first
   * one's entry, and the unique index on (consultation, file) backs that.
   */
  async shareFile(actor: Actor, id: string, fileId: string): Promise<ChatMessageStored> {
    const consultation = await this.online.find(id);
    if (consultation && consultation.doctorAccountId === actor.id && consultation.patientId !== actor.id) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'Only the patient shares their files in a consultation.');
    }
    if (!consultation || consultation.patientId !== actor.id) throw notFound();
    if (consultation.status !== 'active') throw notInProgress();
    const file = await this.files.shareable(actor, fileId);
    const now = this.clock.now();
    const shared: SharedFileView = {
      fileId: file.fileId,
      name: file.name,
      mediaType: file.mediaType,
      size: file.size,
      sharedAt: now.toISOString(),
    };
    const stored = await this.online.transaction(async (tx) => {
      const existing = await this.online.lockForShare(tx, id, fileId);
      if (existing === undefined) return null;
      if (existing !== null) return { seq: existing, added: false, events: [] };
      const appended = await this.appendIn(tx, id, { author: 'patient', kind: 'file', file: shared }, now);
      return appended === null ? null : { seq: appended.seq, added: true, events: appended.events };
    });
    if (!stored) throw notInProgress();
    if (stored.added) {
      this.events.publishCommitted(stored.events);
      // Both pages get the consultation with its new sharedFiles.
      this.broadcast.changed([id], []);
    }
    return { seq: stored.seq };
  }

  /** Files asks (with the doctor's actor) before it streams a shared file: NOT_FOUND unless shared with them. */
  async sharedFileGrant(doctor: Actor, id: string, fileId: string): Promise<OnlineSharedFileGrant> {
    const consultation = await this.online.find(id);
    if (
      !consultation ||
      consultation.doctorAccountId !== doctor.id ||
      !GRANTING_STATUSES.has(consultation.status) ||
      !(await this.online.isShared(id, fileId))
    ) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'No such file in this consultation.');
    }
    return { consultationId: id, patientId: consultation.patientId, fileId };
  }

  // --- helpers ------------------------------------------------------------------------------------------

  /**
   * A participant's entry: stored with its outbox row in one statement, then published to the chat stream
   * at once (the outbox relay only for what that publish missed). On no row, `access` tells a stranger
   * NOT_FOUND; a participant hears the consultation is not in progress. A repeated `clientMessageId` of
   * the same sender answers the stored line's seq without a new row, outbox event or publish.
   */
  private async appendAs(
    actor: Actor,
    id: string,
    entry: Omit<NewChatEntry, 'author'> & { clientMessageId?: string },
  ): Promise<ChatMessageStored> {
    const subject = onlineChatSubject(id);
    const stored = await this.online.appendByParticipant(actor.id, id, entry, this.clock.now(), subject);
    if (!stored) {
      await this.access(actor, id);
      throw notInProgress();
    }
    // A repeat was published with the line the first time: the pages have it (or replay it) by its seq.
    if (!stored.repeat) this.events.publishCommitted([{ id: stored.outboxId, subject, payload: stored.event }]);
    return { seq: stored.seq };
  }

  /** Appends a transcript entry and its outbox row (to the chat stream) in `tx`; answers its seq and the row. */
  private async appendIn(
    tx: EntityManager,
    id: string,
    entry: NewChatEntry,
    now: Date,
  ): Promise<{ seq: number; events: OutboxRow[] } | null> {
    const message = await this.online.append(tx, id, entry, now);
    if (!message) return null;
    const events = await this.events.recordRows(tx, onlineChatSubject(id), [mapMessage(message)]);
    return { seq: message.seq, events };
  }

  private async view(consultation: OnlineConsultationEntity): Promise<OnlineConsultationView> {
    const now = this.clock.now();
    if (consultation.status !== 'waiting') {
      const sharedFiles = await this.online.sharedFiles(consultation.id);
      return mapConsultation(consultation, { position: null, estimatedWaitMinutes: null }, sharedFiles, now);
    }
    const [position, duty, average] = await Promise.all([
      this.online.position(consultation),
      this.online.dutyCounts(),
      this.average(consultation.specialty),
    ]);
    const doctors = duty.get(`${consultation.specialty}/${consultation.form}`) ?? 0;
    return mapConsultation(
      consultation,
      { position, estimatedWaitMinutes: estimateWaitMinutes(position, doctors, average) },
      [],
      now,
    );
  }

  private async average(specialty: string): Promise<number> {
    return (await this.online.averageMinutes(specialty)) ?? this.config.ONLINE_AVERAGE_MINUTES;
  }

  private async offerOf(specialty: string): Promise<OnlineSpecialtyService | undefined> {
    return (await this.booking.onlineSpecialtyServices()).find((offer) => offer.specialty === specialty);
  }

  private async availableTo(doctor: Actor, specialties?: string[]): Promise<OnlineSpecialtyService[]> {
    const own = specialties ?? (await this.booking.doctorProfile(doctor)).specialties;
    return (await this.booking.onlineSpecialtyServices()).filter((offer) => own.includes(offer.specialty));
  }
}
