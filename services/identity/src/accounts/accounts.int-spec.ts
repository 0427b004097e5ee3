import type { INestMicroservice } from '@nestjs/common';
import { ErrorCode, Subjects, type MeView, type RegisterDto, type RegisterResult } from '@pacjent/contracts';
import type { BusClient } from '@pacjent/platform';
import { createTestDatabase, newActor, startTestService, testBusClient, type TestDatabase } from '@pacjent/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdentityDefinition } from '../app';

const registration = (overrides: Partial<RegisterDto> & Record<string, unknown> = {}): RegisterDto => ({
  email: `jan.${randomUUID().slice(0, 8)}@example.com`,
  password: 'Bardzo-tajne-haslo-1',
  firstName: 'Jan',
  lastName: 'Kowalski',
  phone: '+48 600 100 200',
  pesel: '44051401359',
  acceptTerms: true,
  ...overrides,
});

describe('accounts (identity over the bus)', () => {
  let database: TestDatabase;
  let service: INestMicroservice;
  let bus: BusClient;
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    service = await startTestService(IdentityDefinition);
    bus = await testBusClient();
    db = service.get(DataSource);
  });
  afterAll(async () => {
    await bus.onApplicationShutdown();
    await service.close();
    await database.drop();
  });

  const register = (data: unknown) => bus.request<RegisterResult>(Subjects.identity.register, { actor: null, data });
  const me = (actor: ReturnType<typeof newActor> | null) =>
    bus.request<MeView>(Subjects.identity.me, { actor, data: {} });

  it('registers a basic patient account and answers its id', async () => {
    const data = registration({ email: 'Ewa.Nowak@Example.COM' });
    const { id } = await register(data);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const [row] = await db.query(
      'SELECT email, password_hash, roles, level, pesel FROM "identity"."accounts" WHERE id = $1',
      [id],
    );
    expect(row).toMatchObject({ email: 'ewa.nowak@example.com', roles: ['patient'], level: 'basic' });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(data.password);
  });

  it('refuses a second account for the same email in another case', async () => {
    const email = `Maria.${randomUUID().slice(0, 8)}@Example.com`;
    await register(registration({ email: email.toLowerCase() }));
    await expect(register(registration({ email: email.toUpperCase() }))).rejects.toMatchObject({
      code: ErrorCode.EMAIL_TAKEN,
    });
  });

  it('lets the database decide between concurrent registrations of one email', async () => {
    const email = `rownolegle.${randomUUID().slice(0, 8)}@example.com`;
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => register(registration({ email: i % 2 ? email.toUpperCase() : email }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const failure of results.filter((r) => r.status === 'rejected')) {
      expect(failure.reason).toMatchObject({ code: ErrorCode.EMAIL_TAKEN });
    }
  });

  it('refuses a PESEL with a wrong checksum, naming the field', async () => {
    const error = await register(registration({ pesel: '44051401358' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    expect((error as { details: { errors: Array<{ field: string }> } }).details.errors).toEqual([
      expect.objectContaining({ field: 'pesel' }),
    ]);
  });

  it('registers without a PESEL (passport holders)', async () => {
    const { pesel: _pesel, ...withoutPesel } = registration();
    await expect(register(withoutPesel)).resolves.toHaveProperty('id');
  });

  it('refuses unknown fields, short passwords and terms not accepted', async () => {
    const expectInvalid = async (data: unknown, field: string) => {
      const error = await register(data).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
      const fields = (error as { details: { errors: Array<{ field: string }> } }).details.errors.map((e) => e.field);
      expect(fields).toContain(field);
    };
    await expectInvalid({ ...registration(), roles: ['staff'] }, 'roles');
    await expectInvalid(registration({ password: 'krotkie12' }), 'password');
    await expectInvalid({ ...registration(), acceptTerms: false }, 'acceptTerms');
    await expectInvalid(registration({ email: 'not-an-email' }), 'email');
  });

  it('shows the caller their own account', async () => {
    const data = registration();
    const { id } = await register(data);
    await expect(me(newActor({ id }))).resolves.toEqual({
      id,
      email: data.email,
      firstName: 'Jan',
      lastName: 'Kowalski',
      level: 'basic',
      roles: ['patient'],
      verification: null,
      phone: data.phone,
    });
  });

  it('needs a caller, and answers NOT_FOUND for an account that does not exist', async () => {
    await expect(me(null)).rejects.toMatchObject({ code: ErrorCode.UNAUTHENTICATED });
    await expect(me(newActor())).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    await expect(me(newActor({ id: 'not-a-uuid' }))).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });
});
