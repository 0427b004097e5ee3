import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { validateManifests, validateObject } from './validate';

const ROOT = join(__dirname, '../../deploy/kubernetes');
const SERVICES = ['gateway', 'identity', 'booking', 'files', 'prescriptions', 'consultations'];

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string }; spec?: any };

function objectsOf(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(join(ROOT, file), 'utf8')).map((d) => d.toJS() as K8sObject);
}

describe('deploy/kubernetes', () => {
  it('every object validates against the Kubernetes schemas', () => {
    const { objects, problems } = validateManifests(ROOT);
    expect(problems).toEqual([]);
    expect(objects).toBeGreaterThanOrEqual(SERVICES.length * 3 + 2);
  });

  it('kustomization.yaml lists files that exist, and every service', () => {
    const kustomization = parse(readFileSync(join(ROOT, 'base/kustomization.yaml'), 'utf8')) as { resources: string[] };
    for (const resource of kustomization.resources)
      expect(() => readFileSync(join(ROOT, 'base', resource))).not.toThrow();
    for (const service of SERVICES) expect(kustomization.resources).toContain(`${service}.yaml`);
  });

  it.each(SERVICES)('%s has probes, resources, an HPA on CPU and a PodDisruptionBudget', (service) => {
    const objects = objectsOf(`base/${service}.yaml`);
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    const container = deployment.spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/live');
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits.memory).toEqual(expect.any(String));
    const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler')!;
    expect(hpa.spec.scaleTargetRef.name).toBe(service);
    expect(hpa.spec.metrics[0].resource.name).toBe('cpu');
    expect(objects.find((o) => o.kind === 'PodDisruptionBudget')!.spec.selector.matchLabels).toEqual(
      deployment.spec.selector.matchLabels,
    );
    const databaseUrl = container.env.find((e: { name: string }) => e.name === 'DATABASE_URL');
    expect(databaseUrl.valueFrom.secretKeyRef).toEqual({ name: 'pacjent-db-app', key: 'uri' });
  });

  it('refuses a broken object: a Deployment without a selector and with replicas as text', () => {
    const [deployment] = objectsOf('base/booking.yaml');
    const broken = structuredClone(deployment!);
    delete broken.spec.selector;
    broken.spec.replicas = 'two';
    const problems = validateObject(broken, 'broken.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/selector/);
    expect(problems[0]!.message).toMatch(/replicas/);
  });

  it('refuses an object of an unknown kind and one without a name', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'Sevrice', metadata: { name: 'x' } })[0]!.message).toMatch(
      /unknown kind/,
    );
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })[0]!.message).toMatch(/name/);
  });
});
