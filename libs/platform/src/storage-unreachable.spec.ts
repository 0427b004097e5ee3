import { DomainError, ErrorCode } from '@pacjent/contracts';
import { isStorageUnreachable, storageUnavailable } from './storage-unreachable';

describe('isStorageUnreachable', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });
  /** What the AWS SDK throws for an answer from S3. */
  const answered = (name: string, httpStatusCode: number, fault: 'client' | 'server') =>
    Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode, attempts: 3 } });

  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection (the relay cut mid-upload)', withCode('ECONNRESET')],
    ['a connect timeout', withCode('ETIMEDOUT')],
    ['an unknown host', withCode('ENOTFOUND')],
    ['the SDK’s request timeout', Object.assign(new Error('socket hang up'), { name: 'TimeoutError' })],
    ['a socket closed without an answer', new Error('socket hang up')],
    [
      'the SDK’s rewrap of a foreign error',
      new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:9'),
    ],
    ['the SDK’s rewrap of a timeout', new Error('AWS SDK error wrapper for TimeoutError: socket hang up')],
    ['S3 answering 503 Slow Down', answered('SlowDown', 503, 'server')],
    ['S3 answering 500', answered('InternalError', 500, 'server')],
    ['a server fault without a status', Object.assign(new Error('x'), { $fault: 'server' })],
  ])('is true for %s', (_what, error) => {
    expect(isStorageUnreachable(error)).toBe(true);
  });

  it.each([
    ['a missing key (404)', answered('NoSuchKey', 404, 'client')],
    ['access denied (403)', answered('AccessDenied', 403, 'client')],
    ['a missing bucket', answered('NoSuchBucket', 404, 'client')],
    ['a 4xx claiming a server fault', Object.assign(answered('BadDigest', 400, 'client'), { $fault: 'server' })],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['an error whose text merely mentions a connection', new Error('connection reset by the user')],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('is false for %s', (_what, error) => {
    expect(isStorageUnreachable(error)).toBe(false);
  });

  it('answers SERVICE_UNAVAILABLE naming the storage, never the cause', () => {
    const error = storageUnavailable();
    expect(error).toBeInstanceOf(DomainError);
    expect(error.toPayload()).toEqual({
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'File storage is not available right now; try again.',
      details: { service: 'storage' },
    });
  });
});
