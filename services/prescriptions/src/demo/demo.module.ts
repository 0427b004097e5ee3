import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { PrescriptionsFeatureModule } from '../prescriptions/prescriptions.module';
import { DemoRepository } from './demo.repository';
import { DemoSeeder } from './demo.seeder';

@Module({ imports: [CatalogModule, PrescriptionsFeatureModule], providers: [DemoSeeder, DemoRepository] })
export class DemoModule {}
