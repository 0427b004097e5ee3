import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { AccountLevel, Role } from './actor';

export const PASSWORD_MIN_LENGTH = 10;
/** A phone number as the register form, "Moje konto" and the contact form accept it. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{6,20}$/;

/** Default `iss` and `aud` of access tokens: identity signs them, the gateway checks them. */
export const ACCESS_TOKEN_DEFAULTS = { issuer: 'pacjent-identity', audience: 'pacjent' } as const;

export class RegisterDto {
  @ApiProperty({ example: 'jan.kowalski@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, example: 'Bardzo-tajne-haslo-1' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password: string;

  @ApiProperty({ example: 'Jan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Kowalski' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName: string;

  @ApiPropertyOptional({ example: '+48 600 100 200' })
  @IsOptional()
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ description: 'PESEL; its checksum is validated', example: '44051401359' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{11}$/, { message: 'pesel must be 11 digits' })
  pesel?: string;

  @ApiProperty({ description: 'Terms of service accepted; must be true', example: true })
  @Equals(true, { message: 'acceptTerms must be true' })
  acceptTerms: boolean;
}

export class LoginDto {
  @ApiProperty({ example: 'staff@demo.test' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Staff#Demo2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

/** Bus payload of refresh and logout: the refresh token from the HttpOnly cookie. */
export class RefreshTokenDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export interface RegisterResult {
  id: string;
}

/** What identity answers on login and refresh. The gateway puts `refreshToken` in a cookie. */
export interface TokenResult {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

export interface VerificationView {
  method: string;
  verifiedAt: string;
}

export interface MeView {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  level: AccountLevel;
  roles: Role[];
  verification: VerificationView | null;
  /** The number the clinic calls for phone consultations, as the patient gave it. */
  phone: string | null;
}

export interface JwksResult {
  keys: Array<Record<string, unknown>>;
}

/** Claims of an access token, beyond the registered ones. */
export interface AccessTokenClaims {
  sub: string;
  roles: Role[];
  level: AccountLevel;
  /** The session (refresh-token family) the token belongs to: ending the session ends the token. */
  sid: string;
}

/** POST /api/auth/password-reset: where to send a reset link. */
export class PasswordResetRequestDto {
  @ApiProperty({ example: 'jan.kowalski@example.com' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

/** POST /api/auth/password-reset/complete: the link's token and the new password. */
export class PasswordResetDto {
  @ApiProperty({ description: 'The token from the e-mailed link (43 characters, base64url)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token must be the token from the e-mailed link' })
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password: string;
}

/** POST /api/me/password. */
export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  newPassword: string;
}

/** Bus payload of a password change: the form, and the refresh token of the session that keeps going. */
export class ChangePasswordBusDto extends ChangePasswordDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  currentRefreshToken?: string;
}

/** PUT /api/me/phone. */
export class ChangePhoneDto {
  @ApiProperty({ example: '+48 600 100 200' })
  @IsString()
  @Matches(PHONE_PATTERN, { message: 'phone must be a phone number' })
  phone: string;
}

/** A consent the patient gave, and when. */
export interface ConsentView {
  kind: 'terms';
  acceptedAt: string;
}

/** "Moje konto": the caller's personal data and consents. */
export interface AccountDetailsView {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  pesel: string | null;
  birthDate: string | null;
  level: AccountLevel;
  verification: VerificationView | null;
  /** The name given at registration, when a confirmation replaced it (the bank's name is the legal one). */
  registeredName: { firstName: string; lastName: string } | null;
  createdAt: string;
  consents: ConsentView[];
}
