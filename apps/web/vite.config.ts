import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { precompress } from "./precompress";

const workerUrl = process.env.MILO_WORKER_URL ?? "http://127.0.0.1:4400";

export const config = defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  server: {
    proxy: {
      // The event stream goes through the same proxy; Vite's proxy passes SSE through unbuffered.
      // The worker refuses writes from other origins: the page's own origin here is Vite's, so
      // the proxy presents the dashboard's writes as coming from the worker's origin.
      "/api": {
        target: workerUrl,
        changeOrigin: true,
        configure: (proxy) => {
          proxy.on("proxyReq", (proxyRequest) => {
            if (proxyRequest.getHeader("origin") !== undefined) {
              proxyRequest.setHeader("origin", new URL(workerUrl).origin);
            }
          });
        },
      },
    },
  },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  worker: { format: "es" },
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    environment: "jsdom",
    setupFiles: ["src/test/setup.ts"],
  },
});

// Vite loads the config through its default export; the house rule against default exports
// gives way to the tool's contract here.
export default config;
