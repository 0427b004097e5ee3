import { Controller } from '@nestjs/common';
import {
  ContactRequestDto,
  ListContactRequestsDto,
  PatientIdDto,
  ResolveContactRequestBusDto,
  SearchPatientsDto,
  StaffConfirmationDto,
  Subjects,
  type BusRequest,
  type ContactRequestCreated,
  type ContactRequestView,
  type PatientDetailView,
  type PatientSummaryView,
} from '@pacjent/contracts';
import { BusHandler, validateInput } from '@pacjent/platform';
import { StaffService } from './staff.service';

@Controller()
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @BusHandler(Subjects.identity.searchPatients)
  search(payload: BusRequest): Promise<PatientSummaryView[]> {
    return this.staff.search(payload.actor, validateInput(SearchPatientsDto, payload.data).query);
  }

  @BusHandler(Subjects.identity.getPatient)
  patient(payload: BusRequest): Promise<PatientDetailView> {
    return this.staff.patient(payload.actor, validateInput(PatientIdDto, payload.data).id);
  }

  @BusHandler(Subjects.identity.confirmIdentity)
  confirm(payload: BusRequest): Promise<PatientDetailView> {
    return this.staff.confirm(payload.actor, validateInput(StaffConfirmationDto, payload.data));
  }

  /** Public: anyone may ask to have their identity confirmed. */
  @BusHandler(Subjects.identity.createContactRequest)
  createContactRequest(payload: BusRequest): Promise<ContactRequestCreated> {
    return this.staff.createContactRequest(validateInput(ContactRequestDto, payload.data));
  }

  @BusHandler(Subjects.identity.listContactRequests)
  listContactRequests(payload: BusRequest): Promise<ContactRequestView[]> {
    return this.staff.listContactRequests(payload.actor, validateInput(ListContactRequestsDto, payload.data).status);
  }

  @BusHandler(Subjects.identity.resolveContactRequest)
  resolveContactRequest(payload: BusRequest): Promise<ContactRequestView> {
    return this.staff.resolveContactRequest(payload.actor, validateInput(ResolveContactRequestBusDto, payload.data));
  }
}
