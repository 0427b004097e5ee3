import { Controller, Get, Param, Res, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Role, Subjects, type Actor, type FileContentLocation, type FileView } from '@pacjent/contracts';
import { BusClient, ObjectStorage } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { streamFile } from './file-download';
import { fileId } from './files.controller';

/** The doctor of a phone consultation sees the files its patient attached; every look is logged. */
@ApiTags('files')
@ApiBearerAuth()
@Roles(Role.DOCTOR)
@Controller('doctor/appointments/:appointmentId/files')
export class DoctorFilesController {
  constructor(
    private readonly bus: BusClient,
    private readonly storage: ObjectStorage,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Files attached to your appointment, with their descriptions' })
  list(@CurrentActor() actor: Actor, @Param('appointmentId') appointmentId: string): Promise<FileView[]> {
    return this.bus.request(Subjects.files.doctorList, { actor, data: { appointmentId: fileId(appointmentId) } });
  }

  @Get(':fileId/content')
  async content(
    @CurrentActor() actor: Actor,
    @Param('appointmentId') appointmentId: string,
    @Param('fileId') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const location = await this.bus.request<FileContentLocation>(Subjects.files.doctorLocate, {
      actor,
      data: { appointmentId: fileId(appointmentId), fileId: fileId(id) },
    });
    return streamFile(this.storage, location, reply);
  }
}
