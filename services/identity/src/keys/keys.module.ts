import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokenIssuer } from './access-token.issuer';
import { KeysController } from './keys.controller';
import { SigningKeyEntity } from './signing-key.entity';
import { SigningKeysRepository } from './signing-keys.repository';
import { SigningKeysService } from './signing-keys.service';

/** Signing keys, the JWKS and access-token signing. */
@Module({
  imports: [TypeOrmModule.forFeature([SigningKeyEntity])],
  controllers: [KeysController],
  providers: [SigningKeysRepository, SigningKeysService, AccessTokenIssuer],
  exports: [AccessTokenIssuer, SigningKeysService],
})
export class KeysModule {}
