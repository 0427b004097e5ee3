import { Body, Controller, PayloadTooLargeException, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  MAX_LAB_BUNDLE_BYTES,
  MAX_LAB_PDF_BYTES,
  Role,
  Subjects,
  type Actor,
  type LabSubmission,
  type ReservedLabDocument,
} from '@pacjent/contracts';
import { BusClient, ObjectStorage } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { takePresentedPdf } from './presented-form';

/**
 * Validating a bundle against the FHIR definitions takes longer than a page's
 * request, and the first one after a start also loads the definitions (seconds
 * on a busy machine). A laboratory is a machine client that can wait; a retry
 * after a timeout is safe anyway (a report id is stored once).
 */
const LAB_INTAKE_TIMEOUT_MS = 30_000;

@ApiTags('lab')
@ApiBearerAuth()
@Roles(Role.LAB)
@Controller('lab/results')
export class LabResultsController {
  constructor(
    private readonly bus: BusClient,
    private readonly storage: ObjectStorage,
  ) {}

  /**
   * A laboratory's FHIR R4 Bundle: one DiagnosticReport, its Observations
   * (LOINC, valueQuantity, referenceRange, interpretation), the patient named
   * by PESEL, optionally the report's PDF as a base64 `presentedForm`. The PDF
   * goes to storage here (bytes never ride the bus); the bundle goes to
   * consultations, which validates it as FHIR (one validator, the library's).
   */
  @Post()
  @ApiConsumes('application/fhir+json', 'application/json')
  @ApiBody({
    description: `A FHIR R4 Bundle, at most ${MAX_LAB_BUNDLE_BYTES} bytes besides one PDF of at most ${MAX_LAB_PDF_BYTES}`,
    schema: { type: 'object' },
  })
  @ApiCreatedResponse({ description: 'Stored: { id, created: true, observations }' })
  @ApiOkResponse({ description: 'The same report was stored before: { id (the stored one), created: false }' })
  async submit(
    @CurrentActor() actor: Actor,
    @Body() bundle: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LabSubmission> {
    const pdf = takePresentedPdf(bundle);
    if (Buffer.byteLength(JSON.stringify(bundle)) > MAX_LAB_BUNDLE_BYTES) {
      throw new PayloadTooLargeException(`The bundle (without its PDF) is larger than ${MAX_LAB_BUNDLE_BYTES} bytes.`);
    }
    let documentId: string | undefined;
    if (pdf) {
      const reserved = await this.bus.request<ReservedLabDocument>(Subjects.files.reserveLabDocument, {
        actor,
        data: { size: pdf.bytes.length },
      });
      await this.storage.put(reserved.objectKey, Readable.from(pdf.bytes), pdf.bytes.length, 'application/pdf');
      documentId = reserved.documentId;
    }
    const submission = await this.bus.request<LabSubmission>(
      Subjects.consultations.submitLabResults,
      { actor, data: { bundle, ...(documentId ? { documentId } : {}) } },
      { timeoutMs: LAB_INTAKE_TIMEOUT_MS },
    );
    void reply.status(submission.created ? 201 : 200);
    return submission;
  }
}
