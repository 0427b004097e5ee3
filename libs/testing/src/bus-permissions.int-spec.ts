import { Controller, Module, type INestMicroservice, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ErrorCode, EventStreams, Subjects } from '@pacjent/contracts';
import {
  BusClient,
  BusHandler,
  busSubject,
  configureMicroservice,
  loadConfig,
  microserviceOptions,
  PlatformConfig,
  PlatformModule,
  type BusUser,
} from '@pacjent/platform';
import { AckPolicy, connect, JSONCodec, type NatsConnection } from 'nats';
import { newActor } from './actors';
import { startSecuredNats, type SecuredNats } from './secured-nats';

/** How often each handler ran: a refused request must never reach one. */
const ran = { me: 0, accessCheck: 0, createAppointment: 0, impostor: 0 };
const actor = newActor({ level: 'full' });

@Controller()
class IdentityHandlers {
  @BusHandler(Subjects.identity.me)
  me(): { answeredBy: string } {
    ran.me++;
    return { answeredBy: 'identity' };
  }
}

@Controller()
class BookingHandlers {
  @BusHandler(Subjects.booking.appointmentAccessCheck)
  accessCheck(): { allowed: boolean } {
    ran.accessCheck++;
    return { allowed: true };
  }

  @BusHandler(Subjects.booking.createAppointment)
  createAppointment(): { id: string } {
    ran.createAppointment++;
    return { id: 'appointment-1' };
  }
}

/** Another service's subject, declared by the files service's user: the server must not let it listen. */
@Controller()
class ImpostorHandlers {
  @BusHandler(Subjects.prescriptions.health)
  health(): { service: string } {
    ran.impostor++;
    return { service: 'prescriptions' };
  }
}

@Module({ imports: [PlatformModule.forService('identity')], controllers: [IdentityHandlers] })
class IdentityProbe {}
@Module({ imports: [PlatformModule.forService('booking')], controllers: [BookingHandlers] })
class BookingProbe {}
@Module({ imports: [PlatformModule.forService('files')], controllers: [ImpostorHandlers] })
class ImpostorProbe {}

describe('bus permissions enforced by a NATS server with the portal’s configuration', () => {
  let nats: SecuredNats;
  const services: INestMicroservice[] = [];
  const clients: BusClient[] = [];
  const connections: NatsConnection[] = [];

  const configOf = (user: BusUser) => loadConfig(PlatformConfig, { ...process.env, ...nats.envOf(user) });

  async function startServiceAs(user: BusUser, module: Type<unknown>): Promise<void> {
    const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
    const service = moduleRef.createNestMicroservice(microserviceOptions(configOf(user), user));
    configureMicroservice(service);
    await service.listen();
    services.push(service);
  }

  async function clientAs(user: BusUser): Promise<BusClient> {
    const config = configOf(user);
    const client = await BusClient.connect({
      url: config.NATS_URL,
      name: `${user}-test`,
      timeoutMs: 3000,
      user: config.NATS_USER,
      pass: config.NATS_PASSWORD,
    });
    clients.push(client);
    return client;
  }

  async function rawAs(user: BusUser): Promise<NatsConnection> {
    const connection = await connect({ servers: nats.url, user, pass: nats.passwordOf(user) });
    connections.push(connection);
    return connection;
  }

  beforeAll(async () => {
    nats = await startSecuredNats();
    await startServiceAs('identity', IdentityProbe);
    await startServiceAs('booking', BookingProbe);
    await startServiceAs('files', ImpostorProbe);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.onApplicationShutdown()));
    await Promise.all(connections.map((connection) => connection.close()));
    await Promise.all(services.map((service) => service.close()));
    await nats?.close();
  });

  it('lets the gateway call a service, and a service make the calls it is listed for', async () => {
    const gateway = await clientAs('gateway');
    const files = await clientAs('files');
    await expect(gateway.request(Subjects.identity.me, { actor, data: {} })).resolves.toEqual({
      answeredBy: 'identity',
    });
    await expect(gateway.request(Subjects.booking.createAppointment, { actor, data: {} })).resolves.toEqual({
      id: 'appointment-1',
    });
    // files → booking: may this doctor see documents of this visit?
    await expect(files.request(Subjects.booking.appointmentAccessCheck, { actor, data: {} })).resolves.toEqual({
      allowed: true,
    });
  });

  it('refuses a service’s request carrying a patient actor to another service: the handler never runs', async () => {
    const files = await clientAs('files');
    const booking = await clientAs('booking');
    const before = { ...ran };
    await expect(files.request(Subjects.identity.me, { actor, data: {} })).rejects.toMatchObject({
      code: ErrorCode.SERVICE_UNAVAILABLE,
    });
    await expect(files.request(Subjects.booking.createAppointment, { actor, data: {} })).rejects.toMatchObject({
      code: ErrorCode.SERVICE_UNAVAILABLE,
    });
    // Not even a service to its own request subjects: only the gateway books for a patient.
    await expect(booking.request(Subjects.booking.createAppointment, { actor, data: {} })).rejects.toMatchObject({
      code: ErrorCode.SERVICE_UNAVAILABLE,
    });
    expect(ran.me).toBe(before.me);
    expect(ran.createAppointment).toBe(before.createAppointment);
  });

  it('does not let a service answer another service’s subjects', async () => {
    const gateway = await clientAs('gateway');
    // Files listened on prescriptions.health; the server refused the subscription, so nobody answers.
    await expect(gateway.request(Subjects.prescriptions.health, { actor: null, data: {} })).rejects.toMatchObject({
      code: ErrorCode.SERVICE_UNAVAILABLE,
    });
    expect(ran.impostor).toBe(0);
  });

  it('refuses a connection without the right password', async () => {
    await expect(
      connect({ servers: nats.url, user: 'gateway', pass: 'not-the-password', maxReconnectAttempts: 0 }),
    ).rejects.toMatchObject({ code: 'AUTHORIZATION_VIOLATION' });
    await expect(connect({ servers: nats.url, maxReconnectAttempts: 0 })).rejects.toMatchObject({
      code: 'AUTHORIZATION_VIOLATION',
    });
  });

  it('lets only booking publish its events, and the gateway read them', async () => {
    const codec = JSONCodec<unknown>();
    const booking = await rawAs('booking');
    const manager = await booking.jetstreamManager();
    await manager.streams.add({ name: EventStreams.booking, subjects: ['*.booking.events.>'] });
    const event = { patientId: actor.id, notification: { id: 'n-1' } };
    await booking
      .jetstream()
      .publish(busSubject(Subjects.booking.notificationEvent), codec.encode(event), { msgID: 'n-1' });

    const files = await rawAs('files');
    await expect(
      files.jetstream().publish(busSubject(Subjects.booking.notificationEvent), codec.encode({ forged: true })),
    ).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    const gateway = await rawAs('gateway');
    await expect(
      gateway.jetstream().publish(busSubject(Subjects.booking.notificationEvent), codec.encode({ forged: true })),
    ).rejects.toMatchObject({ code: 'PERMISSIONS_VIOLATION' });
    // Nor may the gateway drop the stream it reads.
    await expect((await gateway.jetstreamManager()).streams.delete(EventStreams.booking)).rejects.toMatchObject({
      code: 'PERMISSIONS_VIOLATION',
    });

    // The gateway reads as NotificationsHub does: an ephemeral pull consumer (no acks) filtered on the
    // notification subject, which it deletes when it replaces it.
    const created = await (
      await gateway.jetstreamManager()
    ).consumers.add(EventStreams.booking, {
      filter_subject: busSubject(Subjects.booking.notificationEvent),
      ack_policy: AckPolicy.None,
      mem_storage: true,
      num_replicas: 1,
    });
    const consumer = gateway.jetstream().consumers.getPullConsumerFor(created);
    const messages = await consumer.consume({ abort_on_missing_resource: true });
    const received: unknown[] = [];
    for await (const message of messages) {
      received.push(codec.decode(message.data));
      if (message.info.pending === 0) break;
    }
    expect(received).toEqual([event]);
    expect(await consumer.info()).toMatchObject({ name: created.name });
    await expect(consumer.delete()).resolves.toBe(true);
  });
});
