import { StreamableFile } from '@nestjs/common';
import type { FileContentLocation } from '@pacjent/contracts';
import type { ObjectStorage } from '@pacjent/platform';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './content-disposition';

/** Streams a stored file from S3 as a download that no cache keeps and no browser sniffs. */
export async function streamFile(
  storage: ObjectStorage,
  location: FileContentLocation,
  reply: FastifyReply,
): Promise<StreamableFile> {
  const object = await storage.get(location.objectKey);
  void reply.header('Cache-Control', 'no-store').header('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(object.body, {
    type: location.contentType,
    disposition: attachmentDisposition(location.name),
    length: object.size ?? location.size,
  });
}
