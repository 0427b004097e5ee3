/**
 * Builds the staff console (`node apps/console/build.mjs`), or serves it for
 * development with `--dev` (proxying /api to the gateway on :3000). The console
 * uses the portal's Vite and React plugin: one toolchain for both web apps.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const portalModules = new URL('../portal/node_modules/', import.meta.url);
const { build, createServer } = await import(new URL('vite/dist/node/index.js', portalModules).href);
const { default: react } = await import(new URL('@vitejs/plugin-react/dist/index.js', portalModules).href);

const config = {
  root,
  base: '/console/',
  configFile: false,
  plugins: [react()],
  // What both web apps share, compiled from source: the realtime client and the router (libs/realtime-client, libs/web).
  resolve: {
    alias: {
      '@pacjent/realtime-client': fileURLToPath(new URL('../../libs/realtime-client/src/index.ts', import.meta.url)),
      '@pacjent/web': fileURLToPath(new URL('../../libs/web/src/index.ts', import.meta.url)),
    },
  },
  build: { outDir: fileURLToPath(new URL('dist', pathToFileURL(root))), emptyOutDir: true },
  server: { port: 5174, proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } } },
};

if (process.argv.includes('--dev')) {
  const server = await createServer(config);
  await server.listen();
  server.printUrls();
} else {
  await build(config);
}
