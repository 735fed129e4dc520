// Builds the demo app into dist/, which the server serves at `/`. In development (`pnpm dev`), Vite's
// server proxies the API and the sockets to a Bidwire server on :3000, so the app runs on one origin either way.
import react from '@vitejs/plugin-react';
import { restRoutes, serviceRoutes } from '@bidwire/contract';
import { defineConfig } from 'vite';

const target = process.env.BIDWIRE_URL ?? 'http://localhost:3000';
// The API's first path segments, from the contract, so a new route needs no change here.
const apiSegments = [...new Set([...Object.values(restRoutes), ...Object.values(serviceRoutes)].map((r) => r.path.split('/')[1]))];

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      [`^/(${apiSegments.join('|')})(/|$)`]: { target, changeOrigin: false },
      '/socket.io': { target, ws: true },
    },
  },
});
