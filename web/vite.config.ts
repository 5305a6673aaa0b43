/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served by `hoptac serve` at `/`; the API stays under /api.
// HOPTAC_WEB_OUT (set by CMake) puts the build in the build folder, not the source tree.
// HOPTAC_API: where the dev server sends /api (a server on another port); 127.0.0.1:8080 by default.
const apiTarget = process.env.HOPTAC_API || 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: process.env.HOPTAC_WEB_OUT || 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': apiTarget, '/healthz': apiTarget },
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
