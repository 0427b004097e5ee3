import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AccountLevel,
  Role,
  Subjects,
  type Actor,
  type PatientMedicineView,
  type PrescriptionView,
} from '@pacjent/contracts';
import { BusClient } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
import { CurrentActor, RequireLevel, Roles } from '../auth/auth.decorators';
import { pathId } from './ids';
import { renderPrescriptionPdf } from './prescription-pdf';

/** The patient's e-prescriptions (full accounts). */
@ApiTags('prescriptions')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@RequireLevel(AccountLevel.FULL)
@Controller('prescriptions')
export class PrescriptionsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOkResponse({
    description: 'My prescriptions, newest first, each with its access code, items, validity and status',
  })
  list(@CurrentActor() actor: Actor): Promise<PrescriptionView[]> {
    return this.bus.request(Subjects.prescriptions.listPrescriptions, { actor, data: {} });
  }

  // Declared before ':id' so the router matches the suffix first.
  @Get(':id/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: '"Informacja o e-recepcie": the access code large and as a barcode, items, validity' })
  async pdf(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const prescription = await this.bus.request<PrescriptionView>(Subjects.prescriptions.getPrescription, {
      actor,
      data: { id: pathId(id, 'prescription') },
    });
    const pdf = await renderPrescriptionPdf(prescription);
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `attachment; filename="e-recepta-${prescription.issuedAt.slice(0, 10)}.pdf"`)
      .header('Cache-Control', 'no-store');
    return pdf;
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PrescriptionView> {
    return this.bus.request(Subjects.prescriptions.getPrescription, {
      actor,
      data: { id: pathId(id, 'prescription') },
    });
  }
}

/** "Moje leki": what was prescribed to me in the last 12 months, one row per product. */
@ApiTags('prescriptions')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@RequireLevel(AccountLevel.FULL)
@Controller('medicines')
export class PatientMedicinesController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOkResponse({
    description:
      '[{ medicine, lastDosage, lastPrescribedAt, lastPrescriptionId, status: active|expired|dispensed, renewable, renewalPending }], current treatment first',
  })
  list(@CurrentActor() actor: Actor): Promise<PatientMedicineView[]> {
    return this.bus.request(Subjects.prescriptions.listMedicines, { actor, data: {} });
  }
}
