import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// @milo/core must run unchanged in the browser and in Node: it imports only its own files and
// touches no DOM, React or Node server API.
const sourceDir = join(import.meta.dirname, "../src");
const sources = readdirSync(sourceDir)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => ({ file, text: readFileSync(join(sourceDir, file), "utf8") }));

describe("@milo/core boundaries", () => {
  it("imports nothing but its own modules", () => {
    for (const { file, text } of sources) {
      const specifiers = [...text.matchAll(/\bfrom\s+["']([^"']+)["']/g)].map((m) => m[1]);
      for (const specifier of specifiers) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\//);
      }
      expect(text, `${file} uses require`).not.toMatch(/\brequire\(/);
      expect(text, `${file} uses dynamic import`).not.toMatch(/\bimport\(/);
    }
  });

  it("uses no DOM or Node-only globals", () => {
    const forbidden = /\b(window|document|process|Buffer|__dirname|localStorage|fetch)\b/;
    for (const { file, text } of sources) {
      const code = text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      expect(code.match(forbidden)?.[0], `${file} uses a platform global`).toBeUndefined();
    }
  });
});
