import { plainToInstance, type ClassConstructor } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { toFieldErrors } from './validation';

/**
 * A boolean environment variable: 'true'/'1' and 'false'/'0' (or a boolean
 * default); anything else fails validation instead of silently meaning false.
 */
export function EnvBoolean(): PropertyDecorator {
  const parse = Transform(({ value }: { value: unknown }) => {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return value;
  });
  const check = IsBoolean();
  return (target, key) => {
    parse(target, key);
    check(target, key);
  };
}

/** What every service reads from the environment. Defaults work on a developer machine. */
export class PlatformConfig {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/pacjent';

  /**
   * PostgreSQL connections per process. More than the database has cores to
   * run them only queue inside PostgreSQL instead of inside the pool.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /**
   * One NATS server, or the servers of a cluster separated by commas
   * (`nats://nats-1:4222,nats://nats-2:4222,nats://nats-3:4222`): every
   * connection gets the whole list (natsServers) and fails over to another
   * server when its own goes away.
   */
  @IsNatsServerList()
  NATS_URL = 'nats://127.0.0.1:4222';

  /**
   * Copies of each JetStream stream this process creates (1 on a single
   * server; 3 on a 3-node cluster, so a node's loss loses no event). An
   * existing stream with another count is updated at start (ensureStream).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  JETSTREAM_REPLICAS = 1;

  /**
   * This process's NATS user (its service name, or `gateway`) where the NATS
   * server requires one (deploy/nats/nats-server.conf); empty: no authentication.
   */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{0,40}$/, { message: 'NATS_USER must be a plain name like booking' })
  NATS_USER = '';

  /** NATS_USER's password (required with NATS_USER). */
  @ValidateIf((config: PlatformConfig) => config.NATS_USER !== '')
  @IsString()
  @IsNotEmpty({ message: 'NATS_PASSWORD is required when NATS_USER is set' })
  NATS_PASSWORD = '';

  /** Prefix of every NATS subject; lets several portals (or test runs) share one NATS. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  BUS_PREFIX = 'pacjent';

  /** How long a request over the bus may take before the caller gives up. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(120_000)
  BUS_TIMEOUT_MS = 5000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @IsString()
  @IsNotEmpty()
  INSTANCE_ID = `${process.pid}`;

  /**
   * On SIGTERM, how long a process waits for requests in flight (bus handlers,
   * HTTP requests) before it closes anyway.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(120_000)
  DRAIN_TIMEOUT_MS = 10_000;

  /**
   * Port of the process's probe and metrics listener (GET /live, /ready,
   * /metrics); 0 turns it off (the default: several services share a
   * developer machine).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  HEALTH_PORT = 0;
}

/**
 * The servers of NATS_URL, in their order: one URL, or several separated by
 * commas (spaces around them ignored). The one place the list is parsed.
 */
export function natsServers(natsUrl: string): string[] {
  return natsUrl.split(',').map((server) => server.trim());
}

/** A server URL the NATS client can use: nats:// or tls://, a host, an optional port, nothing else. */
function isNatsServerUrl(server: string): boolean {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'nats:' || url.protocol === 'tls:') &&
    url.hostname !== '' &&
    (url.pathname === '' || url.pathname === '/') &&
    url.search === '' &&
    url.hash === ''
  );
}

/** NATS_URL: every comma-separated server a valid URL, none empty, none twice (the message never echoes values). */
function IsNatsServerList(): PropertyDecorator {
  return ValidateBy({
    name: 'isNatsServerList',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        const servers = natsServers(value);
        return servers.every(isNatsServerUrl) && new Set(servers).size === servers.length;
      },
      defaultMessage: () =>
        'NATS_URL must be a nats:// URL, or several separated by commas (nats://a:4222,nats://b:4222), each once',
    },
  });
}

/** The credentials to connect to NATS with: none when NATS_USER is empty (development). */
export function natsAuth(config: PlatformConfig): { user?: string; pass?: string } {
  return config.NATS_USER ? { user: config.NATS_USER, pass: config.NATS_PASSWORD } : {};
}

/**
 * The options every NATS connection of a process uses: its server, its
 * credentials, a name (`<purpose>-<INSTANCE_ID>`) and reconnecting forever.
 */
export function natsConnectionOptions(config: PlatformConfig, purpose: string) {
  return {
    servers: natsServers(config.NATS_URL),
    name: `${purpose}-${config.INSTANCE_ID}`,
    ...natsAuth(config),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  };
}

export class ConfigError extends Error {}

/**
 * A configuration class that knows which of its values are development
 * conveniences: with NODE_ENV=production, loadConfig refuses to start while
 * any of them is in use (each message names the variable, never its value).
 */
export interface ProductionChecked {
  unsafeInProduction(env: NodeJS.ProcessEnv): string[];
}

function isProductionChecked(config: object): config is ProductionChecked {
  return typeof (config as Partial<ProductionChecked>).unsafeInProduction === 'function';
}

/**
 * Reads and validates configuration from `env` into `type` (whose property
 * initialisers are the defaults). Fails fast with every problem listed, never
 * echoing values (they may be secrets).
 */
export function loadConfig<T extends object>(type: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new type() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    raw[key] = env[key] !== undefined && env[key] !== '' ? env[key] : defaults[key];
  }
  const config = plainToInstance(type, raw);
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = toFieldErrors(errors).map((e) => `  ${e.field}: ${e.messages.join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (env.NODE_ENV === 'production' && isProductionChecked(config)) {
    const unsafe = config.unsafeInProduction(env);
    if (unsafe.length > 0) {
      throw new ConfigError(
        `Refusing to start with NODE_ENV=production and a development setting:\n${unsafe.map((line) => `  ${line}`).join('\n')}`,
      );
    }
  }
  return config;
}
