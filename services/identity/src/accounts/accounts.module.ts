import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountEntity } from './account.entity';
import { AccountsController } from './accounts.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { PasswordHasher } from './password-hasher';
import { PasswordPolicy } from './password-policy';

/** Registration and the caller's own account; exports what login and the demo seed need. */
@Module({
  imports: [TypeOrmModule.forFeature([AccountEntity])],
  controllers: [AccountsController],
  providers: [AccountsService, AccountsRepository, PasswordHasher, PasswordPolicy],
  exports: [AccountsRepository, PasswordHasher, PasswordPolicy],
})
export class AccountsModule {}
