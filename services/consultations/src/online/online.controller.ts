import { Controller } from '@nestjs/common';
import {
  ConsultationFileDto,
  EndOnlineConsultationCommand,
  GoOnDutyDto,
  OnlineConsultationIdDto,
  OnlineMessagesCommand,
  OnlinePresenceCommand,
  RecordCallEventCommand,
  SendChatMessageCommand,
  SPECIALTY_NAME,
  StartOnlineConsultationDto,
  Subjects,
  type BusRequest,
  type ChatMessageStored,
  type ChatMessageView,
  type DoctorDutyView,
  type OnlineConsultationAccess,
  type OnlineConsultationView,
  type OnlineFallbackSlotsView,
  type OnlineSharedFileGrant,
  type OnlineSpecialtyView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { Matches, IsString } from 'class-validator';
import { requireDoctor, requireFullPatient, requireSignedIn } from '../actors';
import { OnlineService } from './online.service';

class SpecialtyDto {
  @IsString()
  @Matches(SPECIALTY_NAME)
  specialty: string;
}

/** Online consultations over the bus: the patient's and the doctor's HTTP calls, and the gateway's real-time edge. */
@Controller()
export class OnlineController {
  constructor(private readonly online: OnlineService) {}

  @BusHandler(Subjects.consultations.onlineSpecialties)
  specialties(payload: BusRequest): Promise<OnlineSpecialtyView[]> {
    requireFullPatient(payload.actor);
    return this.online.specialties();
  }

  @BusHandler(Subjects.consultations.onlineFallbackSlots)
  fallbackSlots(payload: BusRequest): Promise<OnlineFallbackSlotsView> {
    requireFullPatient(payload.actor);
    return this.online.fallbackSlots(validateInput(SpecialtyDto, payload.data).specialty);
  }

  @BusHandler(Subjects.consultations.startOnline)
  start(payload: BusRequest): Promise<OnlineConsultationView> {
    const patient = requireFullPatient(payload.actor);
    return this.online.start(patient, validateInput(StartOnlineConsultationDto, payload.data));
  }

  @BusHandler(Subjects.consultations.getOnline)
  get(payload: BusRequest): Promise<OnlineConsultationView> {
    const patient = requireFullPatient(payload.actor);
    return this.online.get(patient, validateInput(OnlineConsultationIdDto, payload.data).consultationId);
  }

  @BusHandler(Subjects.consultations.leaveOnline)
  leave(payload: BusRequest): Promise<OnlineConsultationView> {
    const patient = requireFullPatient(payload.actor);
    return this.online.leave(patient, validateInput(OnlineConsultationIdDto, payload.data).consultationId);
  }

  @BusHandler(Subjects.consultations.onlineMessages)
  messages(payload: BusRequest): Promise<ChatMessageView[]> {
    const actor = requireSignedIn(payload.actor);
    const query = validateInput(OnlineMessagesCommand, payload.data);
    return this.online.messages(actor, query.consultationId, query.after ?? 0);
  }

  @BusHandler(Subjects.consultations.onlineDuty)
  duty(payload: BusRequest): Promise<DoctorDutyView> {
    return this.online.duty(requireDoctor(payload.actor));
  }

  @BusHandler(Subjects.consultations.goOnDuty)
  goOnDuty(payload: BusRequest): Promise<DoctorDutyView> {
    const doctor = requireDoctor(payload.actor);
    return this.online.goOnDuty(doctor, validateInput(GoOnDutyDto, payload.data));
  }

  @BusHandler(Subjects.consultations.goOffDuty)
  goOffDuty(payload: BusRequest): Promise<DoctorDutyView> {
    return this.online.goOffDuty(requireDoctor(payload.actor));
  }

  @BusHandler(Subjects.consultations.onlineQueue)
  queue(payload: BusRequest): Promise<OnlineConsultationView[]> {
    return this.online.queue(requireDoctor(payload.actor));
  }

  @BusHandler(Subjects.consultations.takeNextOnline)
  takeNext(payload: BusRequest): Promise<OnlineConsultationView> {
    return this.online.takeNext(requireDoctor(payload.actor));
  }

  @BusHandler(Subjects.consultations.doctorGetOnline)
  doctorGet(payload: BusRequest): Promise<OnlineConsultationView> {
    const doctor = requireDoctor(payload.actor);
    return this.online.doctorGet(doctor, validateInput(OnlineConsultationIdDto, payload.data).consultationId);
  }

  @BusHandler(Subjects.consultations.endOnline)
  end(payload: BusRequest): Promise<OnlineConsultationView> {
    const doctor = requireDoctor(payload.actor);
    return this.online.end(doctor, validateInput(EndOnlineConsultationCommand, payload.data));
  }

  @BusHandler(Subjects.consultations.onlineAccess)
  access(payload: BusRequest): Promise<OnlineConsultationAccess> {
    const actor = requireSignedIn(payload.actor);
    return this.online.access(actor, validateInput(OnlineConsultationIdDto, payload.data).consultationId);
  }

  @BusHandler(Subjects.consultations.sendChatMessage)
  sendChat(payload: BusRequest): Promise<ChatMessageStored> {
    const actor = requireSignedIn(payload.actor);
    const command = validateInput(SendChatMessageCommand, payload.data);
    return this.online.sendChat(actor, command.consultationId, command.text, command.clientMessageId);
  }

  @BusHandler(Subjects.consultations.recordCallEvent)
  recordCall(payload: BusRequest): Promise<ChatMessageStored> {
    const actor = requireSignedIn(payload.actor);
    const command = validateInput(RecordCallEventCommand, payload.data);
    return this.online.recordCall(actor, command.consultationId, command.kind);
  }

  @BusHandler(Subjects.consultations.shareFile)
  shareFile(payload: BusRequest): Promise<ChatMessageStored> {
    const actor = requireSignedIn(payload.actor);
    const command = validateInput(ConsultationFileDto, payload.data);
    return this.online.shareFile(actor, command.consultationId, command.fileId);
  }

  @BusHandler(Subjects.consultations.onlineSharedFile)
  sharedFileGrant(payload: BusRequest): Promise<OnlineSharedFileGrant> {
    const doctor = requireDoctor(payload.actor);
    const command = validateInput(ConsultationFileDto, payload.data);
    return this.online.sharedFileGrant(doctor, command.consultationId, command.fileId);
  }

  @BusHandler(Subjects.consultations.onlinePresence)
  presence(payload: BusRequest): Promise<{ seen: number }> {
    const patient = requireFullPatient(payload.actor);
    return this.online.presence(patient, validateInput(OnlinePresenceCommand, payload.data).consultationIds);
  }
}
