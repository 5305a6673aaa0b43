/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

// The app is served by `hoptac serve` under `/app/` (its files under /app/assets/); the API stays under
// /api, and `/` belongs to the public portal (server-rendered pages).
// HOPTAC_WEB_OUT (set by CMake) puts the build in the build folder, not the source tree.
// Two pages: the app (index.html) and the survey answer page (answer.html, served for /s/{token}:
// plain TypeScript and DOM, no React — scripts/postbuild.mjs checks it stays light).
// HOPTAC_API: where the dev server sends /api (a server on another port); 127.0.0.1:8080 by default.
const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/**
 * The answer page needs no module-preload polyfill (one script, no chunks): without it Vite shares
 * the polyfill between both pages as a chunk of its own, and the app's first screen changes.
 */
const answerWithoutPolyfill: Plugin = {
  name: 'hoptac:answer-without-polyfill',
  enforce: 'post',
  transform(code, id) {
    if (id.endsWith('/answer.html')) return code.replace(/^import "vite\/modulepreload-polyfill(?:\.js)?";\n/m, '');
    return undefined;
  },
};
const apiTarget = process.env.HOPTAC_API || 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), answerWithoutPolyfill],
  base: '/app/',
  build: {
    outDir: process.env.HOPTAC_WEB_OUT || 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    rollupOptions: {
      input: { main: page('index.html'), answer: page('answer.html') },
    },
  },
  server: {
    proxy: { '/api': apiTarget, '/healthz': apiTarget, '/media': apiTarget },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    // Feature tests sit next to what they test (src/<feature>/*.test.tsx); tests/ holds the
    // shared kernel's and the app-wide ones.
    include: ['src/**/*.test.{ts,tsx}', 'tests/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/setup.ts'],
    // The CI machine has two shared cores: rendering a whole form can take seconds there.
    testTimeout: 30_000,
  },
});
