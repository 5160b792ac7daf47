/// <reference types="vitest/config" />
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { APP_CHUNK_CACHE } from './src/engines/webllm/offline-copy.ts';
import { SECURITY_HEADERS } from './src/security-headers.ts';

/** The version and, in a git checkout, the commit: what src/core/app-build.ts reports. */
function appBuild(): string {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  try {
    const commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    return commit ? `${version}+${commit}` : version;
  } catch {
    return version;
  }
}

export default defineConfig({
  define: { __APP_BUILD__: JSON.stringify(appBuild()) },
  plugins: [
    svelte(),
    // A service worker keeps the app itself on the device, so it opens with no connection
    // (WebLLM keeps the model files in its own cache). 'prompt': a new version waits for the
    // user's click, because reloading by itself would cut a run's phase in progress.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'COPA Playground',
        short_name: 'COPA',
        description: 'Optimize a small language-model program on your own device, in your browser.',
        theme_color: '#1d4ed8',
        background_color: '#ffffff',
        display: 'standalone',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        globIgnores: ['**/webllm-*.js'],
        // WebLLM's ~6 MB chunk is not fetched up front for everyone: it is kept the first
        // time a model is loaded (runtime caching below), so a model used once works offline.
        maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
        runtimeCaching: [
          {
            // Same-origin only: workbox matches a RegExp against other origins only from the
            // URL's start, so model hosts are never served from this cache.
            urlPattern: /\/assets\/[\w.-]+\.js$/,
            handler: 'CacheFirst',
            options: {
              cacheName: APP_CHUNK_CACHE,
              expiration: { maxEntries: 8 },
              // Servers often send `Vary: Origin`; a module import carries an Origin header that
              // the stored copy's request did not, which would make every lookup miss.
              matchOptions: { ignoreVary: true },
            },
          },
        ],
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // The first visit's page and worker are served by it too, so a model loaded on that
        // visit already leaves WebLLM's chunk in the store.
        clientsClaim: true,
      },
    }),
  ],
  // Module workers so the worker can import WebLLM as an ES module.
  worker: {
    format: 'es',
    rollupOptions: {
      output: {
        // A fixed name for WebLLM's chunk, so the service worker can leave it out of precaching.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => id.includes('@mlc-ai/web-llm'))
            ? 'assets/webllm-[hash].js'
            : 'assets/[name]-[hash].js',
      },
    },
  },
  build: { target: 'es2022', sourcemap: true },
  // The production headers, Content-Security-Policy included (public/_headers for static hosts).
  preview: { port: 4173, strictPort: true, headers: { ...SECURITY_HEADERS } },
  test: {
    environment: 'node',
    // One module graph per worker, not per file: the files take a quarter of the time (each
    // file loaded the app's modules afresh, 100 s of a 130 s run on two cores). A file that
    // replaces a module (vi.mock) needs its own graph and is named *.isolated.test.ts
    // (tests/unit/test-layout.test.ts keeps it so).
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/**/*.isolated.test.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'unit-isolated', include: ['tests/unit/**/*.isolated.test.ts'] },
      },
    ],
  },
});
