import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every script and style sheet, at the
 * highest levels: made once at build time, the server sends them as they are.
 */
function precompress(): Plugin {
  return {
    name: 'privacy-desk-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|svg|json)$/.test(fileName)) continue;
        const file = join(outDir, fileName);
        const content = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: constants.Z_BEST_COMPRESSION }));
      }
    },
  };
}

/** Splits the big libraries into their own cached chunks; the app code is split by route. */
function vendorChunk(id: string): string | null {
  if (!id.includes('node_modules')) return null;
  if (/node_modules[\\/](react|react-dom|scheduler|react-is)[\\/]/.test(id)) return 'vendor-react';
  if (/node_modules[\\/]@mui[\\/]icons-material[\\/]/.test(id)) return 'vendor-mui-icons';
  // The charts stay in the dashboard's lazily loaded chunk (React.lazy), off the first page: a
  // group here would also capture their MUI dependencies and load with every page.
  if (
    /node_modules[\\/](@mui[\\/]x-charts|@mui[\\/]x-charts-vendor|@mui[\\/]x-internal-gestures|@mui[\\/]x-internals|@base-ui[\\/]utils|d3-[a-z-]+|internmap|flatqueue|bezier-easing)[\\/]/.test(
      id,
    )
  )
    return null;
  if (/node_modules[\\/](@mui|@emotion|@popperjs)[\\/]/.test(id)) return 'vendor-mui';
  if (/node_modules[\\/](react-admin|ra-[a-z0-9-]+)[\\/]/.test(id)) return 'vendor-react-admin';
  return 'vendor';
}

export default defineConfig({
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: vendorChunk, debugName: 'vendor' }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
