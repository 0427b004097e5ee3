import 'reflect-metadata';
import { BusClient, describeStartupFailure, Metrics, startProbeServer } from '@pacjent/platform';
import { createGatewayApp } from './app';
import { GatewayConfig } from './config';
import { GatewayDrain, gatewayReadiness } from './health/gateway-drain';

async function main(): Promise<void> {
  const app = await createGatewayApp();
  const config = app.get(GatewayConfig);
  await app.listen(config.PORT, config.HOST);
  if (config.HEALTH_PORT > 0) {
    const [drain, bus, metrics] = [app.get(GatewayDrain), app.get(BusClient), app.get(Metrics)];
    await startProbeServer(config.HEALTH_PORT, config.HOST, {
      ready: () => Promise.resolve(gatewayReadiness(drain, bus)),
      metrics: () => metrics.render(),
    });
  }
  // SIGTERM runs Nest's shutdown hooks (streams ended, in-flight requests finished); never longer than this.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        process.stderr.write(`[gateway] did not finish draining in ${config.DRAIN_TIMEOUT_MS} ms: exiting\n`);
        process.exit(1);
      }, config.DRAIN_TIMEOUT_MS + 5000).unref();
    });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[gateway] cannot start: ${describeStartupFailure(error)}\n`);
  process.exit(1);
});
