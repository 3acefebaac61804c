/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// Typed here so that the app's tsconfig needs no Node type definitions.
declare const process: { env: Record<string, string | undefined> };

// The C++ server serves web/dist under a strict Content-Security-Policy
// (script-src 'self'; style-src 'self'; font-src via default-src 'self'), so the
// build must emit only external files: no inline scripts, no inline styles, no data:
// fonts, and no inline module-preload polyfill.
export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    // `npm run dev` talks to a running server (the C++ binary or the mock).
    proxy: {
      '/api': process.env.WIJKKADER_URL ?? 'http://127.0.0.1:18080',
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    environment: 'node',
  },
});
