import { defineConfig } from 'vite';

// The rocta server serves dist/ as its web root under `default-src 'self'`, so the build
// must not inline anything: no data: URLs for assets, no inline module-preload polyfill.
// `npm run dev` proxies the API to a running server (ROCTA_API, default 127.0.0.1:8080).
// (Declared here rather than pulling in @types/node for one variable.)
declare const process: { env: Record<string, string | undefined> };
const api = process.env.ROCTA_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/healthz': { target: api, changeOrigin: true },
    },
  },
});
