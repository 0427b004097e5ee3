import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MAX_LAB_BUNDLE_BYTES, Role, Subjects, type Actor, type LabSubmission } from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';

@ApiTags('lab')
@ApiBearerAuth()
@Roles(Role.LAB)
@Controller('lab/results')
export class LabResultsController {
  constructor(private readonly bus: BusClient) {}

  /**
   * A laboratory's FHIR R4 Bundle: one DiagnosticReport, its Observations
   * (LOINC, valueQuantity, referenceRange, interpretation), the patient named
   * by PESEL. The body is handed to consultations as it came: validating FHIR
   * is that service's job (one validator, the FHIR library's).
   */
  @Post()
  @ApiConsumes('application/fhir+json', 'application/json')
  @ApiBody({ description: `A FHIR R4 Bundle, at most ${MAX_LAB_BUNDLE_BYTES} bytes`, schema: { type: 'object' } })
  @ApiCreatedResponse({ description: 'Stored: { id, created: true, observations }' })
  @ApiOkResponse({ description: 'The same report was stored before: { id (the stored one), created: false }' })
  async submit(
    @CurrentActor() actor: Actor,
    @Body() bundle: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LabSubmission> {
    const submission = await this.bus.request<LabSubmission>(Subjects.consultations.submitLabResults, {
      actor,
      data: { bundle },
    });
    void reply.status(submission.created ? 201 : 200);
    return submission;
  }
}
