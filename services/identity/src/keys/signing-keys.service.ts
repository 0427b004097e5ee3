import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { JwksResult } from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { IdentityConfig } from '../config';
import { encryptionKeyBytes, isSealed, openJwk, sealJwk } from './key-sealing';
import type { SigningKeyEntity } from './signing-key.entity';
import { SigningKeysRepository, type NewSigningKey } from './signing-keys.repository';

export const SIGNING_ALGORITHM = 'ES256';

export interface ActiveSigningKey {
  kid: string;
  algorithm: string;
  privateKey: CryptoKey | Uint8Array;
}

/**
 * The keys that sign access tokens, kept in the database so every replica
 * signs with the same key and publishes the same JWKS; their private halves
 * sealed with KEYS_ENCRYPTION_KEY (key-sealing.ts).
 */
@Injectable()
export class SigningKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger(SigningKeysService.name);
  /** Imported private keys by kid; key material never changes for a kid. */
  private readonly imported = new Map<string, Promise<CryptoKey | Uint8Array>>();

  private readonly sealingKey: Buffer;

  constructor(
    private readonly keys: SigningKeysRepository,
    private readonly clock: Clock,
    config: IdentityConfig,
  ) {
    this.sealingKey = encryptionKeyBytes(config.KEYS_ENCRYPTION_KEY)!;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sealUnsealedKeys();
    const created = await this.keys.insertIfNoneActive(() => this.newKey());
    if (created) this.logger.log('created the first signing key');
  }

  /** Keys stored in the clear before sealing existed: sealed now, once, by whichever replica gets there. */
  async sealUnsealedKeys(): Promise<number> {
    const unsealed = await this.keys.findUnsealed();
    for (const key of unsealed) {
      await this.keys.sealPrivateJwk(key.kid, sealJwk(key.privateJwk as JWK, this.sealingKey, key.kid));
    }
    if (unsealed.length > 0) this.logger.log({ count: unsealed.length }, 'sealed signing keys stored in the clear');
    return unsealed.length;
  }

  /** Adds a new key that signs from now on; older keys stay published until retired. Answers its kid. */
  async rotate(): Promise<string> {
    const key = await this.newKey();
    await this.keys.insert(key);
    this.logger.log({ kid: key.kid }, 'rotated the signing key');
    return key.kid;
  }

  /** Stops publishing `kid`: tokens it signed no longer verify. The active key cannot be retired. */
  async retire(kid: string): Promise<boolean> {
    return this.keys.retire(kid, this.clock.now());
  }

  async jwks(): Promise<JwksResult> {
    const keys = await this.keys.findPublished();
    return { keys: keys.map((key) => ({ ...key.publicJwk, kid: key.kid, alg: key.algorithm, use: 'sig' })) };
  }

  async active(): Promise<ActiveSigningKey> {
    const key = await this.keys.findActive();
    if (!key) throw new Error('No active signing key: the service did not finish starting.');
    let privateKey = this.imported.get(key.kid);
    if (!privateKey) {
      privateKey = importJWK(this.privateJwkOf(key), key.algorithm);
      this.imported.set(key.kid, privateKey);
    }
    return { kid: key.kid, algorithm: key.algorithm, privateKey: await privateKey };
  }

  /** A key stored before sealing (another replica not yet restarted may still write them) is read as it is. */
  private privateJwkOf(key: SigningKeyEntity): JWK {
    return isSealed(key.privateJwk) ? openJwk(key.privateJwk, this.sealingKey, key.kid) : key.privateJwk;
  }

  private async newKey(): Promise<NewSigningKey> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    return {
      kid,
      algorithm: SIGNING_ALGORITHM,
      publicJwk,
      privateJwk: sealJwk(await exportJWK(privateKey), this.sealingKey, kid),
      createdAt: this.clock.now(),
    };
  }
}
