import { Module } from '@nestjs/common';
import { OnlineCatalogController } from './online-catalog.controller';
import { OnlineCatalogRepository } from './online-catalog.repository';

@Module({
  controllers: [OnlineCatalogController],
  providers: [OnlineCatalogRepository],
})
export class OnlineCatalogModule {}
