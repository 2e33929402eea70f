import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@xyflow/react/dist/style.css";
import { FloorApp } from "./FloorApp";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <FloorApp />
  </StrictMode>,
);
