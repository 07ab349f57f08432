import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Splits the big libraries into their own cached chunks; the app code is split by route. */
function vendorChunk(id: string): string | null {
  if (!id.includes('node_modules')) return null;
  if (/node_modules[\\/](react|react-dom|scheduler|react-is)[\\/]/.test(id)) return 'vendor-react';
  if (/node_modules[\\/]@mui[\\/]icons-material[\\/]/.test(id)) return 'vendor-mui-icons';
  if (/node_modules[\\/](@mui|@emotion|@popperjs)[\\/]/.test(id)) return 'vendor-mui';
  if (/node_modules[\\/](react-admin|ra-[a-z0-9-]+)[\\/]/.test(id)) return 'vendor-react-admin';
  return 'vendor';
}

export default defineConfig({
  base: '/',
  plugins: [react()],
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
