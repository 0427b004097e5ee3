import { isDatabaseUnreachable } from './database-unreachable';

describe('isDatabaseUnreachable', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });

  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a reset connection', withCode('ECONNRESET')],
    ['PostgreSQL shutting down (57P01)', withCode('57P01')],
    ['PostgreSQL starting (57P03)', withCode('57P03')],
    ['a connection exception (08006)', withCode('08006')],
    ['the server closing the connection', new Error('Connection terminated unexpectedly')],
    ['the pool waiting too long', new Error('timeout exceeded when trying to connect')],
    [
      'a TypeORM error wrapping a refused connection',
      Object.assign(new Error('query failed'), { driverError: withCode('ECONNREFUSED') }),
    ],
  ])('is true for %s', (_what, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    [
      'a TypeORM error wrapping an exclusion violation',
      Object.assign(new Error('q'), { driverError: withCode('23P01') }),
    ],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('is false for %s', (_what, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });
});
