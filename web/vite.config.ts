import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The client is built into web/dist and served by the API itself (src/web/): same origin, so no
 * CORS and no CDN. `npm run dev -w web` proxies the API of a running `npm start` for quick edits.
 */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, assetsDir: 'assets', sourcemap: false },
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:3000', ws: true },
      '/statements': { target: 'http://localhost:3000' },
      '/calendar': { target: 'http://localhost:3000' },
      '/action-items.csv': { target: 'http://localhost:3000' },
      // Single sign-on's redirects (the provider's redirect URI is PUBLIC_URL's, i.e. the API's own port).
      '/auth': { target: 'http://localhost:3000' },
    },
  },
});
