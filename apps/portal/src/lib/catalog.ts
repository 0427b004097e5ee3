import type { ServiceKind, ServiceView } from '@pacjent/contracts';

/** The order service kinds appear in the "Usługa" picker. */
export const SERVICE_KIND_ORDER: readonly ServiceKind[] = [
  'consultation',
  'test',
  'procedure',
  'rehabilitation',
  'occupational',
];

export interface ServiceGroup {
  kind: ServiceKind;
  services: ServiceView[];
}

/** Services grouped by kind (in SERVICE_KIND_ORDER), each group sorted by name; empty groups left out. */
export function groupServicesByKind(services: readonly ServiceView[], locale = 'pl'): ServiceGroup[] {
  return SERVICE_KIND_ORDER.map((kind) => ({
    kind,
    services: services.filter((s) => s.kind === kind).sort((a, b) => a.name.localeCompare(b.name, locale)),
  })).filter((group) => group.services.length > 0);
}

/** Cities arrive as names or as `{name}` / `{city}` objects; the UI needs sorted unique names. */
export function cityNames(body: unknown): string[] {
  if (!Array.isArray(body)) return [];
  const names = body
    .map((entry: unknown) => {
      if (typeof entry === 'string') return entry;
      if (typeof entry === 'object' && entry !== null) {
        const { name, city } = entry as { name?: unknown; city?: unknown };
        if (typeof name === 'string') return name;
        if (typeof city === 'string') return city;
      }
      return '';
    })
    .filter((name) => name !== '');
  return [...new Set(names)].sort((a, b) => a.localeCompare(b, 'pl'));
}
