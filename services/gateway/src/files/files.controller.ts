import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res, type StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  AccountLevel,
  AttachFileDto,
  DomainError,
  ErrorCode,
  FILE_DESCRIPTION_MAX,
  FILE_DESCRIPTION_MIN,
  MAX_FILE_BYTES,
  Role,
  Subjects,
  type Actor,
  type FileAccessView,
  type FileContentLocation,
  type FileView,
} from '@pacjent/contracts';
import { BusClient, ObjectStorage } from '@pacjent/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, RequireLevel, Roles } from '../auth/auth.decorators';
import { streamFile } from './file-download';
import { FileUploadService } from './file-upload.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id cannot name anybody's file: answer as for a missing one. */
export function fileId(id: string): string {
  if (!UUID.test(id)) throw new DomainError(ErrorCode.NOT_FOUND, 'No such file.');
  return id;
}

/** "Twoje pliki": a full account's documents for the doctor. */
@ApiTags('files')
@ApiBearerAuth()
@Roles(Role.PATIENT)
@RequireLevel(AccountLevel.FULL)
@Controller('files')
export class FilesController {
  constructor(
    private readonly bus: BusClient,
    private readonly uploads: FileUploadService,
    private readonly storage: ObjectStorage,
  ) {}

  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'description', 'consent'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: `JPEG, PNG or PDF (by content), at most ${MAX_FILE_BYTES} bytes`,
        },
        description: { type: 'string', minLength: FILE_DESCRIPTION_MIN, maxLength: FILE_DESCRIPTION_MAX },
        consent: { type: 'string', enum: ['true'] },
      },
    },
  })
  @ApiCreatedResponse({ description: '{ id, name, description, contentType, size, uploadedAt, expiresAt }' })
  upload(
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FileView> {
    return this.uploads.upload(actor, request, reply);
  }

  @Get()
  @ApiOkResponse({ description: 'Your files, newest first' })
  list(@CurrentActor() actor: Actor): Promise<FileView[]> {
    return this.bus.request(Subjects.files.list, { actor, data: {} });
  }

  @Get(':id/content')
  @ApiProduces('image/jpeg', 'image/png', 'application/pdf')
  @ApiOkResponse({ description: 'The file’s bytes, as an attachment' })
  async content(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const location = await this.bus.request<FileContentLocation>(Subjects.files.locateContent, {
      actor,
      data: { id: fileId(id) },
    });
    return streamFile(this.storage, location, reply);
  }

  @Get('access-log')
  @ApiOkResponse({ description: 'Which doctor listed or downloaded which of your files, newest first' })
  accessLog(@CurrentActor() actor: Actor): Promise<FileAccessView[]> {
    return this.bus.request(Subjects.files.accessLog, { actor, data: {} });
  }

  @Post(':id/attachments')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Attached: the consultation’s doctor can see the file' })
  async attach(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: AttachFileDto): Promise<void> {
    await this.bus.request(Subjects.files.attach, {
      actor,
      data: { fileId: fileId(id), appointmentId: body.appointmentId },
    });
  }

  @Delete(':id/attachments/:appointmentId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async detach(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('appointmentId') appointmentId: string,
  ): Promise<void> {
    await this.bus.request(Subjects.files.detach, {
      actor,
      data: { fileId: fileId(id), appointmentId: fileId(appointmentId) },
    });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.bus.request(Subjects.files.delete, { actor, data: { id: fileId(id) } });
  }
}
