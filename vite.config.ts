import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer bundle. Everything it needs (code, CSS, fonts) ends up in dist/renderer/ and is served
 * from the app's own origin — app:// in Electron, the loopback host in browser mode — so no CDN and
 * nothing the Content-Security-Policy (shared/security/csp.ts) would have to allow.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  // Relative asset URLs work under app://, the loopback host and a file opened from disk alike.
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Never inline assets as data: URLs: the CSP allows fonts from 'self' only.
    assetsInlineLimit: 0,
    sourcemap: false,
    // The bundle is loaded from disk; one bigger chunk is fine for a desktop app.
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
