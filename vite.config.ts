/**
 * Builds the browser client (client/) into dist/client, which the server
 * serves with an SPA fallback. The service worker is a second entry with a
 * fixed name, /sw.js, so its URL (and therefore its scope) never changes.
 * In development, /api and /sync are proxied to the server on :8787. Two
 * dependencies get measured speed fixes at build time (client/build/patches.ts).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { sourcePatches } from './client/build/patches.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const server = 'http://127.0.0.1:8787';
/** Names the service worker's cache: each build replaces the previous shell. */
const buildId = Date.now().toString(36);

export default defineConfig({
  root: here('./client'),
  plugins: [solid(), sourcePatches()],
  define: {
    __BUILD_ID__: JSON.stringify(buildId),
  },
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: {
        main: here('./client/index.html'),
        sw: here('./client/src/sw.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: server },
      '/sync': { target: server, ws: true },
    },
  },
});
