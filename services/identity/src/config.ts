import { ACCESS_TOKEN_DEFAULTS } from '@pacjent/contracts';
import { EnvBoolean, PlatformConfig, type ProductionChecked } from '@pacjent/platform';

/** The client secret of the local mock bank: never a real bank's. */
export const DEVELOPMENT_BANK_CLIENT_SECRET = 'pacjent-dev-only-bank-secret';
/** The local mail catcher `npm start` runs (tools/dev/mail-catcher.mjs): it delivers nothing. */
export const DEVELOPMENT_SMTP_URL = 'smtp://127.0.0.1:1025';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';
import { DEV_KEYS_ENCRYPTION_KEY, encryptionKeyBytes } from './keys/key-sealing';

/** What the identity service reads from the environment, on top of the platform's variables. */
export class IdentityConfig extends PlatformConfig implements ProductionChecked {
  /** `iss` of access tokens; the gateway's JWT_ISSUER must match. */
  @IsString()
  @IsNotEmpty()
  JWT_ISSUER: string = ACCESS_TOKEN_DEFAULTS.issuer;

  /** `aud` of access tokens; the gateway's JWT_AUDIENCE must match. */
  @IsString()
  @IsNotEmpty()
  JWT_AUDIENCE: string = ACCESS_TOKEN_DEFAULTS.audience;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(300)
  @Max(31_536_000)
  REFRESH_TOKEN_TTL_SECONDS = 2_592_000;

  /** Failed logins allowed for one email within LOGIN_ACCOUNT_WINDOW_SECONDS; then it is locked until the window ends. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_ACCOUNT_WINDOW_SECONDS = 900;

  /** Failed logins allowed from one client IP within LOGIN_IP_WINDOW_SECONDS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_IP_WINDOW_SECONDS = 60;

  /** Create the demo staff and doctor accounts on start (idempotent). */
  @EnvBoolean()
  SEED_DEMO_DATA = false;

  /** The bank's OpenID Connect issuer (the mock bank in development and tests). */
  @IsString()
  @IsNotEmpty()
  BANK_ISSUER = 'http://localhost:3100';

  @IsString()
  @IsNotEmpty()
  BANK_CLIENT_ID = 'pacjent';

  /** The client secret registered at the bank; the default is for the local mock bank only. */
  @IsString()
  @IsNotEmpty()
  BANK_CLIENT_SECRET = DEVELOPMENT_BANK_CLIENT_SECRET;

  /** Where the bank sends the browser back: the gateway's callback. */
  @IsString()
  @IsNotEmpty()
  BANK_REDIRECT_URI = 'http://localhost:3000/api/identity/verification/bank/callback';

  /** Allow an http: bank issuer (development and tests only). */
  @EnvBoolean()
  BANK_ALLOW_INSECURE = true;

  /** How long a started bank confirmation may take before its state expires. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(3600)
  BANK_ATTEMPT_TTL_SECONDS = 600;

  /** The patient portal's address: the bank callback redirects the browser there with the outcome. */
  @IsString()
  @IsNotEmpty()
  PORTAL_URL = 'http://localhost:3000';

  /**
   * Seals the private signing keys at rest (AES-256-GCM): base64 of 32 random
   * bytes (`openssl rand -base64 32`). The default is a fixed development key,
   * one of the settings refused in production (unsafeInProduction).
   */
  @ValidateBy({
    name: 'isKeysEncryptionKey',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && encryptionKeyBytes(value) !== null,
      defaultMessage: () => 'KEYS_ENCRYPTION_KEY must be base64 of 32 random bytes (openssl rand -base64 32)',
    },
  })
  KEYS_ENCRYPTION_KEY = DEV_KEYS_ENCRYPTION_KEY;

  /**
   * Where e-mail (password-reset links) is sent: an SMTP URL as nodemailer
   * reads it, e.g. `smtps://user:password@smtp.example.com:465`. The default
   * is the development mail catcher, which is refused in production.
   */
  @IsString()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL = DEVELOPMENT_SMTP_URL;

  /** The sender of the portal's e-mail. */
  @IsString()
  @IsNotEmpty()
  MAIL_FROM = 'Pacjent <no-reply@pacjent.localhost>';

  /** How long an e-mailed password-reset link works. */
  @Type(() => Number)
  @IsInt()
  @Min(300)
  @Max(86_400)
  PASSWORD_RESET_TTL_SECONDS = 1800;

  /** Reset e-mails one account may be sent per hour, whoever asks (the gateway also limits per address). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  PASSWORD_RESET_MAX_PER_HOUR = 3;

  unsafeInProduction(): string[] {
    const unsafe: string[] = [];
    if (this.BANK_CLIENT_SECRET === DEVELOPMENT_BANK_CLIENT_SECRET) {
      unsafe.push("BANK_CLIENT_SECRET: the mock bank's development secret; set the secret the bank issued");
    }
    if (this.BANK_ALLOW_INSECURE) unsafe.push('BANK_ALLOW_INSECURE: must be false (the bank is reached over https)');
    if (this.KEYS_ENCRYPTION_KEY === DEV_KEYS_ENCRYPTION_KEY) {
      unsafe.push('KEYS_ENCRYPTION_KEY: the development key; set base64 of 32 random bytes (openssl rand -base64 32)');
    }
    if (isLocalMailCatcher(this.SMTP_URL)) {
      unsafe.push('SMTP_URL: the development mail catcher (nothing is delivered); set your SMTP server');
    }
    return unsafe;
  }
}

/** Whether the URL names the development catcher: its default address, or any SMTP server on this machine. */
function isLocalMailCatcher(url: string): boolean {
  try {
    const { hostname } = new URL(url);
    return url === DEVELOPMENT_SMTP_URL || ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(hostname);
  } catch {
    return true;
  }
}
