import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/** A decorated class, as class-validator keys its rules. */
type Target = abstract new (...args: never[]) => unknown;

type MetadataLookup = (
  targetConstructor: Target,
  targetSchema: string,
  always: boolean,
  strictGroups: boolean,
  groups?: string[],
) => ValidationMetadata[];

let installed = false;

/**
 * Remembers class-validator's answer to "which rules apply to this class".
 *
 * class-validator computes it on every validation by walking the rules of
 * every decorated class in the process (an `instanceof` test each, for
 * inherited rules): with the few hundred DTOs of the contracts, that lookup
 * cost more than the validation itself, on every request of the gateway and
 * of every service. The rules only change when a class is declared, so the
 * cache is dropped whenever a rule is added.
 */
export function cacheValidationMetadata(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage() as unknown as {
    getTargetValidationMetadatas: MetadataLookup;
    addValidationMetadata(metadata: ValidationMetadata): void;
  };
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let cache = new Map<Target, Map<string, ValidationMetadata[]>>();

  storage.addValidationMetadata = (metadata) => {
    cache = new Map();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    const key = `${targetSchema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let forTarget = cache.get(targetConstructor);
    if (!forTarget) cache.set(targetConstructor, (forTarget = new Map()));
    let metadatas = forTarget.get(key);
    if (!metadatas) forTarget.set(key, (metadatas = lookup(targetConstructor, targetSchema, always, strictGroups, groups)));
    // class-validator only reads the list; a copy keeps a caller that sorts or filters in place from changing the cache.
    return metadatas.slice();
  };
}
