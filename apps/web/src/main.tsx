import "@xyflow/react/dist/style.css";
import "./index.css";
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { z } from "zod";
import { App } from "./App";
import { createQueryClient } from "./queries/createQueryClient";

// The dashboard's Content-Security-Policy forbids eval: zod must not probe for it.
z.config({ jitless: true });

const root = document.getElementById("root");
if (!root) throw new Error('index.html must have an element with id "root"');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
