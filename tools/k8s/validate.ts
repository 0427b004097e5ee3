import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { parseAllDocuments } from 'yaml';

interface Validating {
  validate(): void;
}

/** The kinds the chart uses, each with its schema validator from kubernetes-models (the API's OpenAPI schemas). */
const MODELS: Record<string, new (data: never) => Validating> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/**
 * Custom resources of operators we name as dependencies: their schemas ship
 * with the operator, not with kubernetes-models; checked for shape only.
 */
const CUSTOM_KINDS = new Set(['postgresql.cnpg.io/v1/Cluster']);

/** Files that are not Kubernetes objects (Kustomize's own file, Helm values). */
const NOT_OBJECTS = new Set(['kustomization.yaml', 'values.yaml']);

export interface ManifestProblem {
  file: string;
  object: string;
  message: string;
}

/** Validates one object; answers its problems (none when valid). */
export function validateObject(object: unknown, file = '<inline>'): ManifestProblem[] {
  const { apiVersion, kind, metadata } = (object ?? {}) as {
    apiVersion?: string;
    kind?: string;
    metadata?: { name?: string };
  };
  const name = `${kind ?? '?'}/${metadata?.name ?? '?'}`;
  const problem = (message: string) => [{ file, object: name, message }];
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return problem('apiVersion and kind are required');
  if (typeof metadata?.name !== 'string' || metadata.name === '') return problem('metadata.name is required');
  const key = `${apiVersion}/${kind}`;
  if (CUSTOM_KINDS.has(key)) return [];
  const Model = MODELS[key];
  if (!Model) return problem(`unknown kind ${key}`);
  try {
    new Model(object as never).validate();
    return [];
  } catch (error) {
    return problem((error as Error).message);
  }
}

/** Every object of every YAML file under `root` (except Kustomize and Helm files), validated. */
export function validateManifests(root: string): { objects: number; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  let objects = 0;
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.ya?ml$/.test(path))
    .sort();
  for (const path of files) {
    if (NOT_OBJECTS.has(path.split('/').pop()!)) continue;
    const file = relative(process.cwd(), join(root, path));
    for (const document of parseAllDocuments(readFileSync(join(root, path), 'utf8'))) {
      if (document.errors.length > 0) {
        problems.push({ file, object: '?', message: document.errors.map((e) => e.message).join('; ') });
        continue;
      }
      const object: unknown = document.toJS();
      if (object === null || object === undefined) continue;
      objects += 1;
      problems.push(...validateObject(object, file));
    }
  }
  return { objects, problems };
}
