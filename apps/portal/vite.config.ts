import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  plugins: [react()],
  // What both web apps share, compiled from source: the realtime client and the router (libs/realtime-client, libs/web).
  resolve: {
    alias: {
      '@pacjent/realtime-client': fileURLToPath(new URL('../../libs/realtime-client/src/index.ts', import.meta.url)),
      '@pacjent/web': fileURLToPath(new URL('../../libs/web/src/index.ts', import.meta.url)),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
