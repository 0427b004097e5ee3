import { Injectable } from '@nestjs/common';
import type { Bundle } from '@medplum/fhirtypes';
import {
  DomainError,
  ErrorCode,
  NOTIFICATION_TITLE_MAX_LENGTH,
  RESULTS_PAGE_SIZE,
  Subjects,
  type ResultAvailableEvent,
  type Actor,
  type LabSubmission,
  type ParameterSeries,
  type ResolvedPatient,
  type ResultDocument,
  type ResultsPage,
  type ResultView,
} from '@pacjent/contracts';
import { BusClient, Clock, JsonText, validationFailed } from '@pacjent/platform';
import { ConsultationsEvents } from '../events/consultations-events';
import { FhirValidator } from '../fhir/fhir-validator';
import { readLabBundle } from './lab-bundle';
import { toParameterSeries, toResultView } from './results.mapper';
import { ResultsRepository } from './results.repository';

/** Results from laboratories: taking a lab's FHIR bundle in, and the patient's reading of them. */
@Injectable()
export class ResultsService {
  constructor(
    private readonly results: ResultsRepository,
    private readonly fhir: FhirValidator,
    private readonly bus: BusClient,
    private readonly clock: Clock,
    private readonly events: ConsultationsEvents,
  ) {}

  /**
   * Validates the bundle as FHIR R4, reads the report out of it, asks
   * identity whose PESEL it is (a confirmed patient only) and stores it once.
   */
  async submit(lab: Actor, bundle: Record<string, unknown>, documentId?: string): Promise<LabSubmission> {
    if (bundle.resourceType !== 'Bundle') {
      throw validationFailed([{ field: 'resourceType', messages: ['the body must be a FHIR Bundle'] }]);
    }
    const errors = this.fhir.errorsOf(bundle);
    if (errors.length > 0) throw validationFailed(errors);
    const report = readLabBundle(bundle as unknown as Bundle);
    const { patientId } = await this.bus.request<ResolvedPatient>(Subjects.identity.resolvePatientByPesel, {
      actor: lab,
      data: { pesel: report.pesel },
    });
    if (documentId) {
      // The PDF is the patient's before the report names it; a repeated report leaves its copy unnamed.
      await this.bus.request(Subjects.files.assignLabDocument, { actor: lab, data: { documentId, patientId } });
    }
    const now = this.clock.now();
    const stored = await this.results.store(
      patientId,
      lab.id,
      report,
      now,
      documentId ?? null,
      undefined,
      // A new report lights the patient's bell (booking's consumer makes the notification); a repeat does not.
      async (tx, reportId) => {
        const event: ResultAvailableEvent = {
          patientId,
          reportId,
          title: report.name.slice(0, NOTIFICATION_TITLE_MAX_LENGTH),
          occurredAt: now.toISOString(),
        };
        await this.events.record(tx, Subjects.consultations.resultAvailableEvent, [event]);
      },
    );
    if (stored.created) void this.events.flush();
    return stored;
  }

  async document(patient: Actor, id: string): Promise<ResultDocument> {
    const report = await this.results.findOwn(patient.id, id);
    if (!report?.documentId) throw new DomainError(ErrorCode.NOT_FOUND, 'This result has no PDF.');
    return { documentId: report.documentId };
  }

  /** A page as JSON text rendered by PostgreSQL: passed on by the gateway without being parsed. */
  async list(patient: Actor, page = 1, pageSize = RESULTS_PAGE_SIZE): Promise<JsonText<ResultsPage>> {
    return new JsonText(await this.results.pageJson(patient.id, page, pageSize));
  }

  async get(patient: Actor, id: string): Promise<ResultView> {
    const report = await this.results.findOwn(patient.id, id);
    if (!report) throw new DomainError(ErrorCode.NOT_FOUND, 'No such result.');
    return toResultView(report);
  }

  async series(patient: Actor, code: string): Promise<ParameterSeries> {
    const rows = await this.results.series(patient.id, code);
    if (rows.length === 0) throw new DomainError(ErrorCode.NOT_FOUND, 'No results for this parameter.');
    return toParameterSeries(code, rows);
  }
}
