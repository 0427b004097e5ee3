import { Module } from '@nestjs/common';
import { OnlineRepository } from './online.repository';

/** The online consultations' tables, for the record (transcripts in the history, the doctor's relation). */
@Module({ providers: [OnlineRepository], exports: [OnlineRepository] })
export class OnlineStoreModule {}
