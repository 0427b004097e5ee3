import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { assertSafeInput } from '@pacjent/platform';

/**
 * The gateway's global pipe: the shared input check (no control characters
 * in any string, no nesting past the limit) on every body, query and path
 * parameter, then the DTO's own validation — once for every route.
 */
export class GatewayValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') assertSafeInput(value);
    return super.transform(value, metadata);
  }
}
