import { loadConfig, natsServers, PlatformConfig } from '@pacjent/platform';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/**
 * docker-compose.yml, checked offline (no Docker engine here): valid YAML
 * with its anchors merged, NATS as a 3-node cluster whose routes and names
 * agree, and every process given the whole cluster and 3 stream replicas —
 * the cluster docs/operations.md describes.
 */
const ROOT = join(__dirname, '../..');
const NODES = ['nats-1', 'nats-2', 'nats-3'];

interface ComposeService {
  command?: string[];
  volumes?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}
const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
/** The value after a flag of nats-server's command line. */
const flag = (command: string[], name: string) => command[command.indexOf(name) + 1];
const processes = Object.entries(services).filter(([, service]) => service.environment?.NATS_USER);

describe('docker-compose.yml: NATS as a 3-node cluster', () => {
  it('has nats-1, nats-2 and nats-3 and no single nats service', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(NODES));
    expect(services.nats).toBeUndefined();
  });

  it.each(NODES)(
    '%s: the shared configuration, its own name, one cluster, routes to the two others, its own volume',
    (node) => {
      const service = services[node]!;
      const command = service.command!;
      expect(command.slice(0, 3)).toEqual(['nats-server', '-c', '/etc/nats/nats-server.conf']);
      expect(flag(command, '--name')).toBe(node);
      expect(flag(command, '--cluster_name')).toBe('pacjent');
      expect(flag(command, '--cluster')).toBe('nats://0.0.0.0:6222');
      const routes = flag(command, '--routes')!.split(',');
      expect(routes.sort()).toEqual(
        NODES.filter((other) => other !== node)
          .map((other) => `nats://${other}:6222`)
          .sort(),
      );
      expect(service.volumes).toEqual([
        `${node}-data:/data`,
        './deploy/nats/nats-server.conf:/etc/nats/nats-server.conf:ro',
      ]);
      expect(compose.volumes).toHaveProperty(`${node}-data`);
      expect(service.healthcheck).toBeDefined();
      expect(service.environment).toHaveProperty('NATS_BOOKING_PASSWORD');
    },
  );

  it('publishes each node on its own host ports', () => {
    const published = NODES.flatMap((node) =>
      services[node]!.ports!.map((port) => port.split(':').slice(0, -1).join(':')),
    );
    expect(new Set(published).size).toBe(published.length);
  });

  it('gives every process all three servers (a valid NATS_URL), 3 replicas, its own NATS user, and waits for every node', () => {
    expect(processes.map(([name]) => name).sort()).toEqual(
      ['booking', 'consultations', 'files', 'gateway', 'identity', 'prescriptions'].sort(),
    );
    for (const [name, service] of processes) {
      const environment = service.environment!;
      const config = loadConfig(PlatformConfig, {
        NATS_URL: environment.NATS_URL,
        JETSTREAM_REPLICAS: environment.JETSTREAM_REPLICAS,
      });
      expect(natsServers(config.NATS_URL)).toEqual(NODES.map((node) => `nats://${node}:4222`));
      expect(config.JETSTREAM_REPLICAS).toBe(3);
      expect(environment.NATS_USER).toBe(name);
      for (const node of NODES) expect(service.depends_on?.[node]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('is the cluster docs/operations.md describes', () => {
    const operations = readFileSync(join(ROOT, 'docs/operations.md'), 'utf8');
    for (const node of NODES) expect(operations).toContain(node);
    expect(operations).toContain('JETSTREAM_REPLICAS=3');
    expect(operations).toContain(services.booking!.environment!.NATS_URL);
  });

  it('matches Kubernetes: as many clustered servers in the Helm values as JETSTREAM_REPLICAS in the shared config', () => {
    const values = parse(readFileSync(join(ROOT, 'deploy/kubernetes/nats/values.yaml'), 'utf8')) as {
      config: { cluster: { enabled: boolean; replicas: number }; jetstream: { enabled: boolean } };
    };
    const shared = parseAllDocuments(readFileSync(join(ROOT, 'deploy/kubernetes/base/config.yaml'), 'utf8'))
      .map((document) => document.toJS() as { metadata: { name: string }; data: Record<string, string> })
      .find((object) => object.metadata.name === 'pacjent-config')!;
    expect(values.config.cluster).toEqual({ enabled: true, replicas: NODES.length });
    expect(values.config.jetstream.enabled).toBe(true);
    const config = loadConfig(PlatformConfig, shared.data);
    expect(config.JETSTREAM_REPLICAS).toBe(NODES.length);
  });
});
