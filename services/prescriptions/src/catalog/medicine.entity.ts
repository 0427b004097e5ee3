import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A medicinal product (one strength and pack size of a trade name). */
@Entity({ name: 'medicines' })
@Unique('UQ_medicines_product', ['name', 'form', 'strength', 'packSize'])
@Check('CHK_medicines_atc_code', `"atc_code" ~ '^[A-Z][0-9]{2}([A-Z]{1,2}([0-9]{2})?)?$'`)
@Check('CHK_medicines_antibiotic', `"antibiotic" = ("atc_code" LIKE 'J01%')`)
@Check('CHK_medicines_pack_size', `"pack_size" > 0`)
// A trigram GIN index on fold_text(name || ' ' || substance || ' ' || strength): an expression index TypeORM cannot describe, so
// the schema check leaves it to the migration (1764950400000).
@Index('IDX_medicines_search', { synchronize: false })
export class MedicineEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_medicines' })
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  substance: string;

  @Column('text', { name: 'atc_code' })
  atcCode: string;

  @Column('text')
  form: string;

  @Column('text')
  strength: string;

  @Column('integer', { name: 'pack_size' })
  packSize: number;

  @Column('boolean', { name: 'prescription_only' })
  prescriptionOnly: boolean;

  @Column('boolean')
  antibiotic: boolean;

  @Column('boolean')
  controlled: boolean;
}
