import type { DoctorView, FacilityView, ServiceView } from '@pacjent/contracts';
import type { DoctorEntity } from './doctor.entity';
import type { FacilityEntity } from './facility.entity';
import type { MedicalServiceEntity } from './medical-service.entity';

/** Polish alphabetical order (Ł after L, Ś after S), which the database's C collation does not know. */
export const polishOrder = new Intl.Collator('pl', { sensitivity: 'base' });

/** Doctors are listed by surname: "lek. Anna Nowak" sorts under N, not under "lek.". */
export function bySurname(a: { name: string }, b: { name: string }): number {
  const surname = (name: string) => name.trim().split(/\s+/).at(-1) ?? name;
  return polishOrder.compare(surname(a.name), surname(b.name)) || polishOrder.compare(a.name, b.name);
}

export function toServiceView(service: MedicalServiceEntity): ServiceView {
  return {
    id: service.id,
    name: service.name,
    kind: service.kind,
    channels: service.channels,
    basicAllowed: service.basicAllowed,
    requiresReferral: service.requiresReferral,
  };
}

export function toFacilityView(facility: FacilityEntity): FacilityView {
  return { id: facility.id, name: facility.name, city: facility.city, address: facility.address };
}

export function toDoctorView(doctor: DoctorEntity): DoctorView {
  return { id: doctor.id, name: doctor.name, specialties: doctor.specialties, languages: doctor.languages };
}
