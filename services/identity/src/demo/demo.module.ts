import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [AccountsModule], providers: [DemoSeedService] })
export class DemoModule {}
