import type { Multipart, MultipartFile } from '@fastify/multipart';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  FileFieldsDto,
  MAX_FILE_BYTES,
  Subjects,
  type Actor,
  type FileContentType,
  type FileView,
  type ReservedUpload,
} from '@pacjent/contracts';
import { BusClient, ObjectStorage, validateInput, validationFailed, withoutControlCharacters } from '@pacjent/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sniffContentType, SNIFF_BYTES } from './content-type';

/** Room for the multipart envelope and the text fields around the file. */
const ENVELOPE_BYTES = 64 * 1024;

/**
 * A refused upload whose whole body is at most this large is read to its end
 * (and thrown away) before the connection is reused, so the client, still
 * sending, gets the answer instead of a broken pipe; a larger one is cut off.
 */
const DRAIN_REFUSED_BYTES = 1024 * 1024;

interface SpooledFile {
  path: string;
  size: number;
  filename: string;
  contentType: FileContentType;
}

/** A failure decided while the request body is still arriving: answer at once and stop reading. */
class CutOff extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

const tooLarge = () =>
  new CutOff(
    new DomainError(ErrorCode.FILE_TOO_LARGE, `The file is larger than ${MAX_FILE_BYTES} bytes.`, {
      limit: MAX_FILE_BYTES,
    }),
  );
const unsupported = () =>
  new CutOff(new DomainError(ErrorCode.UNSUPPORTED_FILE_TYPE, 'Only JPEG, PNG and PDF files are accepted.'));

/**
 * The request's parts; a body busboy cannot read (malformed, too many parts
 * or fields, a second file) is the client's mistake: 400, not 500.
 */
async function* readParts(request: FastifyRequest): AsyncGenerator<Multipart> {
  const parts = request.parts()[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Multipart>;
    try {
      next = await parts.next();
    } catch (error) {
      if (error instanceof CutOff || error instanceof DomainError) throw error;
      const code = (error as { code?: string }).code ?? '';
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      // System errors (disk, sockets) are ours; anything else is a body that does not parse.
      if (/^E[A-Z]+$/.test(code)) throw error;
      throw new CutOff(
        validationFailed([
          { field: '', messages: [`the multipart body could not be read: ${(error as Error).message}`] },
        ]),
      );
    }
    if (next.done) return;
    yield next.value;
  }
}

/**
 * `POST /api/files`: the upload path. The file part is spooled to a
 * temporary file while it arrives (never held in memory), its type decided by
 * its first bytes, its size capped while streaming; the quota is reserved in
 * the files service before the bytes are read on, the object is written to
 * S3 under the reserved random key, and the files service is told to
 * complete (or, on any failure, abort) the upload. Only metadata rides NATS.
 * See docs/decisions/0003-files-upload-path.md.
 */
@Injectable()
export class FileUploadService implements OnModuleDestroy {
  private readonly logger = new Logger(FileUploadService.name);
  private spoolDir?: Promise<string>;

  constructor(
    private readonly bus: BusClient,
    private readonly storage: ObjectStorage,
  ) {}

  async upload(actor: Actor, request: FastifyRequest, reply: FastifyReply): Promise<FileView> {
    if (!request.isMultipart()) {
      throw validationFailed([{ field: 'file', messages: ['send the file as multipart/form-data'] }]);
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_FILE_BYTES + ENVELOPE_BYTES) {
      this.stopReading(request, reply);
      throw tooLarge().error;
    }

    const fields: Record<string, string> = {};
    let spooled: SpooledFile | undefined;
    let reservation: ReservedUpload | undefined;
    try {
      for await (const part of readParts(request)) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (part.fieldname !== 'file' || spooled) {
          throw new CutOff(
            validationFailed([{ field: part.fieldname, messages: ['send exactly one file, as "file"'] }]),
          );
        }
        // Fields sent before the file are judged before its bytes are read.
        if ('description' in fields && 'consent' in fields) this.fieldsOf(fields, true);
        spooled = await this.spool(part, async () => {
          reservation = await this.reserve(actor);
        });
      }
      if (!spooled) throw validationFailed([{ field: 'file', messages: ['a file is required'] }]);
      const input = this.fieldsOf(fields, false);
      reservation ??= await this.bus.request<ReservedUpload>(Subjects.files.reserveUpload, { actor, data: {} });
      const body = createReadStream(spooled.path);
      // The SDK may give up on the body without reading it; its errors must never go unheard.
      body.on('error', (err) => this.logger.warn({ err }, 'spooled upload could not be read'));
      try {
        await this.storage.put(reservation.objectKey, body, spooled.size, spooled.contentType);
      } finally {
        body.destroy();
      }
      const file = await this.bus.request<FileView>(Subjects.files.completeUpload, {
        actor,
        data: {
          uploadId: reservation.uploadId,
          name: spooled.filename,
          contentType: spooled.contentType,
          size: spooled.size,
          description: input.description,
          consent: input.consent,
        },
      });
      reservation = undefined;
      return file;
    } catch (error) {
      if (reservation) await this.abort(actor, reservation);
      if (error instanceof CutOff) {
        this.stopReading(request, reply);
        throw error.error;
      }
      throw error;
    } finally {
      if (spooled) await rm(spooled.path, { force: true });
    }
  }

  private fieldsOf(fields: Record<string, string>, early: boolean): FileFieldsDto {
    try {
      return validateInput(FileFieldsDto, fields);
    } catch (error) {
      throw early && error instanceof DomainError ? new CutOff(error) : error;
    }
  }

  private async reserve(actor: Actor): Promise<ReservedUpload> {
    try {
      return await this.bus.request<ReservedUpload>(Subjects.files.reserveUpload, { actor, data: {} });
    } catch (error) {
      throw error instanceof DomainError ? new CutOff(error) : error;
    }
  }

  /**
   * This process's own spool directory (mode 0700 under the system's temporary
   * directory, `pacjent-upload-*`), made on first use and removed on shutdown.
   */
  spoolDirectory(): Promise<string> {
    this.spoolDir ??= mkdtemp(join(tmpdir(), 'pacjent-upload-'));
    return this.spoolDir;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.spoolDir) await rm(await this.spoolDir, { recursive: true, force: true });
  }

  /**
   * Writes the part to a temporary file, deciding its type from the first
   * bytes (then `onAccepted` runs, before the rest is read) and stopping as
   * soon as it grows past the limit. One pipeline owns both streams: any
   * failure destroys both, every 'error' has a listener, and the temporary
   * file is removed only once the file stream has closed (removing it while
   * it is still opening left it behind).
   */
  private async spool(part: MultipartFile, onAccepted: () => Promise<void>): Promise<SpooledFile> {
    const dir = await this.spoolDirectory();
    // Made again if a temporary-files cleaner swept it away while the gateway ran.
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, randomUUID());
    const out = createWriteStream(path, { mode: 0o600, flags: 'wx' });
    let head = Buffer.alloc(0);
    let contentType: FileContentType | null = null;
    let size = 0;
    const accept = async () => {
      contentType = await sniffContentType(head);
      if (!contentType) throw unsupported();
      await onAccepted();
    };
    // busboy truncates at the limit and then quietly reads the rest of the part; stop it at once instead.
    const overLimit = tooLarge();
    part.file.once('limit', () => part.file.destroy(overLimit));
    try {
      await pipeline(
        part.file,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (part.file.truncated || size > MAX_FILE_BYTES) throw tooLarge();
            if (!contentType) {
              head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES)]).subarray(0, SNIFF_BYTES);
              if (head.length >= SNIFF_BYTES) await accept();
            }
            yield chunk;
          }
          if (part.file.truncated) throw tooLarge();
          if (!contentType) await accept();
        },
        out,
      );
      // A file name comes from the client's software, not its hand: cleaned (here and by the files service), not refused.
      return { path, size, filename: withoutControlCharacters(part.filename), contentType: contentType! };
    } catch (error) {
      await closed(out);
      await rm(path, { force: true });
      throw error;
    }
  }

  private async abort(actor: Actor, reservation: ReservedUpload): Promise<void> {
    // The files service removes the row and any bytes written; if it cannot
    // be reached, its reconciliation job does the same later.
    await this.bus
      .request(Subjects.files.abortUpload, { actor, data: { uploadId: reservation.uploadId } })
      .catch((err: unknown) => this.logger.warn({ err, uploadId: reservation.uploadId }, 'could not abort upload'));
  }

  /**
   * Answer now. A small body is drained (discarded) so the client reads the
   * answer on a live connection; a large one is not read on: the connection
   * closes after the answer.
   */
  private stopReading(request: FastifyRequest, reply: FastifyReply): void {
    request.raw.unpipe();
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared <= DRAIN_REFUSED_BYTES) {
      request.raw.resume();
      return;
    }
    request.raw.pause();
    void reply.header('Connection', 'close');
  }
}

/** Resolves once the file stream has let go of its file (opened or not). */
async function closed(stream: WriteStream): Promise<void> {
  // pipeline leaves its own 'error' listeners behind; one more keeps a late error from going unheard.
  stream.on('error', () => undefined);
  stream.destroy();
  // Not events.once: it rejects on the 'error' that a destroyed stream emits before 'close'.
  if (!stream.closed) await new Promise<void>((resolve) => stream.once('close', () => resolve()));
}
