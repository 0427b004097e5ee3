import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { MedicineView, SearchMedicinesDto } from '@pacjent/contracts';
import { loadCatalog } from './catalog-data';
import { CatalogRepository } from './catalog.repository';
import { toMedicineView } from './medicine.mapper';

/** The medicines catalog: kept in step with data/medicines.csv on every start, searched by doctors. */
@Injectable()
export class CatalogService implements OnApplicationBootstrap {
  private readonly logger = new Logger(CatalogService.name);

  constructor(private readonly catalog: CatalogRepository) {}

  private seeding?: Promise<void>;

  onApplicationBootstrap(): Promise<void> {
    return this.ready();
  }

  /** Resolves once this process has brought the catalog in step with the list (what the demo data needs). */
  ready(): Promise<void> {
    this.seeding ??= this.seed();
    return this.seeding;
  }

  async seed(): Promise<void> {
    const started = Date.now();
    const products = loadCatalog();
    const written = await this.catalog.upsert(products);
    this.logger.log({ products: products.length, written, ms: Date.now() - started }, 'medicines catalog ready');
  }

  async search(query: SearchMedicinesDto): Promise<MedicineView[]> {
    const words = query.q.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    const rows = await this.catalog.search(words, query.limit ?? 20);
    return rows.map(toMedicineView);
  }
}
