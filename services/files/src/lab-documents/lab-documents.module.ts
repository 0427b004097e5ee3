import { Module } from '@nestjs/common';
import { LabDocumentsController } from './lab-documents.controller';
import { LabDocumentsRepository } from './lab-documents.repository';

@Module({ controllers: [LabDocumentsController], providers: [LabDocumentsRepository] })
export class LabDocumentsModule {}
