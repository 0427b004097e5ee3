import { Module } from '@nestjs/common';
import { LabDocumentsController } from './lab-documents.controller';
import { LabDocumentsRepository } from './lab-documents.repository';
import { LabDocumentsSweepJob } from './lab-documents-sweep.job';

@Module({ controllers: [LabDocumentsController], providers: [LabDocumentsRepository, LabDocumentsSweepJob] })
export class LabDocumentsModule {}
