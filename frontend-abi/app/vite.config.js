import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Relative asset paths: the build works from any folder of any static host.
  base: './',
  // The metadata lives one folder up (frontend-abi/*.json) and is imported, not copied.
  server: { fs: { allow: ['..'] } },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
