import { Injectable, Logger } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  type Actor,
  type CreateScheduleTemplateDto,
  type CreatedScheduleTemplateView,
  type ListScheduleTemplatesDto,
  type ScheduleTemplateIdDto,
  type ScheduleTemplateRemoval,
  type ScheduleTemplateListItem,
} from '@pacjent/contracts';
import { Clock } from '@pacjent/platform';
import type { EntityManager } from 'typeorm';
import { minutesOf, toScheduleTemplateListItem, toScheduleTemplateView } from './schedules.dto';
import { SchedulesRepository } from './schedules.repository';
import { SlotGenerationService } from './slot-generation.service';

/**
 * Staff edit doctors' weekly schedules. A new template's slots appear across
 * the booking horizon in the same transaction (and are offered to waiting
 * alerts); deleting one removes its future free slots (deleted, or withdrawn when
 * they carry cancelled visits) and keeps booked visits.
 */
@Injectable()
export class SchedulesService {
  private readonly logger = new Logger(SchedulesService.name);

  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly generation: SlotGenerationService,
    private readonly clock: Clock,
  ) {}

  async list(input: ListScheduleTemplatesDto): Promise<ScheduleTemplateListItem[]> {
    const rows = await this.schedules.listTemplates(input.doctorId, this.clock.now());
    return rows.map(toScheduleTemplateListItem);
  }

  async create(actor: Actor, input: CreateScheduleTemplateDto): Promise<CreatedScheduleTemplateView> {
    const template = { ...input, facilityId: input.facilityId ?? null };
    checkHours(template);
    const { view, outcome } = await this.schedules.transaction(async (tx) => {
      // Generation runs one at a time (the hourly job skips while this holds the lock).
      await this.schedules.generationLock(tx);
      await this.checkCatalog(tx, template);
      const inserted = await this.schedules.insertTemplate(tx, template);
      if (inserted === 'overlap') {
        throw new DomainError(
          ErrorCode.SCHEDULE_OVERLAP,
          'The doctor already works at that time on that weekday (another schedule template).',
        );
      }
      const outcome = await this.generation.generateAndOffer(tx, inserted.id);
      const row = await this.schedules.findTemplate(tx, inserted.id);
      return { view: toScheduleTemplateView(row!), outcome };
    });
    await this.generation.announce(outcome);
    this.logger.log(
      {
        actorId: actor.id,
        templateId: view.id,
        doctorId: view.doctorId,
        generatedSlots: outcome.added,
        notified: outcome.events.length,
      },
      'schedule template created',
    );
    return { ...view, generatedSlots: outcome.added };
  }

  async delete(actor: Actor, input: ScheduleTemplateIdDto): Promise<ScheduleTemplateRemoval> {
    const result = await this.schedules.transaction(async (tx) => {
      // The generator never adds slots to a template being deleted: both hold the generation lock.
      await this.schedules.generationLock(tx);
      if (!(await this.schedules.lockTemplate(tx, input.id))) {
        throw new DomainError(ErrorCode.SCHEDULE_NOT_FOUND, 'No such schedule template.');
      }
      const slots = await this.schedules.removeFutureFreeSlots(tx, input.id, this.clock.now());
      await this.schedules.deleteTemplate(tx, input.id);
      return { id: input.id, ...slots };
    });
    this.logger.log(
      {
        actorId: actor.id,
        templateId: result.id,
        removedSlots: result.removedSlots,
        keptBookedSlots: result.keptBookedSlots,
      },
      'schedule template deleted',
    );
    return result;
  }

  private async checkCatalog(
    tx: EntityManager,
    template: { doctorId: string; serviceId: string; facilityId: string | null; channel: string },
  ): Promise<void> {
    const facts = await this.schedules.catalogFacts(tx, template);
    if (!facts.doctorExists) throw new DomainError(ErrorCode.DOCTOR_NOT_FOUND, 'No such doctor.');
    if (!facts.serviceChannels) throw new DomainError(ErrorCode.SERVICE_NOT_FOUND, 'No such service.');
    if (template.facilityId && !facts.facilityExists) {
      throw new DomainError(ErrorCode.FACILITY_NOT_FOUND, 'No such facility.');
    }
    if (!facts.offered) {
      throw new DomainError(ErrorCode.SERVICE_NOT_OFFERED, 'The doctor does not offer this service.');
    }
    if (!(facts.serviceChannels as string[]).includes(template.channel)) {
      throw new DomainError(ErrorCode.CHANNEL_NOT_SUPPORTED, 'The service is not offered on this channel.', {
        channels: facts.serviceChannels,
      });
    }
  }
}

/** In person needs a facility, phone and video none; the hours must hold at least one slot. */
function checkHours(template: {
  channel: string;
  facilityId: string | null;
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
}): void {
  if ((template.channel === 'in_person') !== (template.facilityId !== null)) {
    throw new DomainError(
      ErrorCode.SCHEDULE_FACILITY_MISMATCH,
      template.channel === 'in_person'
        ? 'An in-person schedule needs a facility.'
        : 'A phone or video schedule takes no facility.',
    );
  }
  const length = minutesOf(template.endsAt) - minutesOf(template.startsAt);
  if (length <= 0) throw new DomainError(ErrorCode.SCHEDULE_HOURS_INVALID, 'endsAt must be after startsAt.');
  if (length < template.slotMinutes) {
    throw new DomainError(ErrorCode.SCHEDULE_HOURS_INVALID, 'Not even one slot fits between startsAt and endsAt.');
  }
}
