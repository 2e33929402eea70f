import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Phase, type PhaseContext, Pipeline } from "@milo/core";
import { marked } from "marked";

// The build pipeline: turns the Markdown files under content/ into a small static site under
// out/, then checks that every internal link points at a page that was written.

const here = dirname(fileURLToPath(import.meta.url));
const contentDir = join(here, "content");
const assetsDir = join(here, "assets");
const outDir = join(here, "out");

/** A short pause so a person watching the dashboard can follow each phase. */
function pace(signal: AbortSignal, ms = Number(process.env.MILO_EXAMPLE_PACE_MS ?? 1200)) {
  return new Promise<void>((done, fail) => {
    if (signal.aborted) return fail(signal.reason);
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      fail(signal.reason);
    });
  });
}

interface SourcePage {
  readonly path: string; // relative to content/, e.g. "guide/store.md"
  readonly text: string;
}

interface ParsedPage {
  readonly path: string;
  readonly title: string;
  readonly body: string; // Markdown without front matter
}

interface RenderedPage {
  readonly outPath: string; // relative to out/, e.g. "guide/store.html"
  readonly html: string;
}

async function discover(ctx: PhaseContext): Promise<SourcePage[]> {
  const entries = await readdir(contentDir, { recursive: true, withFileTypes: true });
  const pages: SourcePage[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".md")) continue;
    const full = join(entry.parentPath, entry.name);
    const path = relative(contentDir, full);
    pages.push({ path, text: await readFile(full, "utf8") });
    ctx.log(`found ${path}`);
  }
  await pace(ctx.signal);
  pages.sort((a, b) => a.path.localeCompare(b.path));
  return pages;
}

async function parse(ctx: PhaseContext<{ discover: SourcePage[] }>): Promise<ParsedPage[]> {
  const parsed = ctx.results.discover.map(({ path, text }) => {
    const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
    const title = match?.[1]?.match(/^title:\s*(.+)$/m)?.[1]?.trim();
    if (!title) throw new Error(`${path} has no "title:" in its front matter`);
    ctx.log(`parsed ${path}: "${title}"`);
    return { path, title, body: match ? text.slice(match[0].length) : text };
  });
  await pace(ctx.signal);
  return parsed;
}

async function render(ctx: PhaseContext<{ parse: ParsedPage[] }>): Promise<RenderedPage[]> {
  const rendered: RenderedPage[] = [];
  for (const page of ctx.results.parse) {
    const outPath = page.path.replace(/\.md$/, ".html");
    const depth = outPath.split("/").length - 1;
    const root = depth === 0 ? "./" : "../".repeat(depth);
    // Links between Markdown files become links between the pages written for them.
    const content = (await marked.parse(page.body)).replace(
      /href="([^":]+)\.md"/g,
      'href="$1.html"',
    );
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title>
<link rel="stylesheet" href="${root}site.css"></head>
<body><nav><a href="${root}index.html">Home</a></nav>
${content}</body></html>
`;
    rendered.push({ outPath, html });
    ctx.log(`rendered ${outPath} (${html.length} bytes)`);
  }
  await pace(ctx.signal, 1800);
  return rendered;
}

async function assets(ctx: PhaseContext): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const files = await readdir(assetsDir);
  for (const file of files) {
    await copyFile(join(assetsDir, file), join(outDir, file));
    ctx.log(`copied ${file}`);
  }
  await pace(ctx.signal, 800);
  return files;
}

async function write(ctx: PhaseContext<{ render: RenderedPage[] }>): Promise<string[]> {
  const written: string[] = [];
  for (const page of ctx.results.render) {
    const target = join(outDir, page.outPath);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, page.html);
    written.push(page.outPath);
    ctx.log(`wrote ${relative(process.cwd(), target)}`);
  }
  await pace(ctx.signal);
  return written;
}

async function health(ctx: PhaseContext<{ write: string[] }>): Promise<number> {
  let checked = 0;
  const broken: string[] = [];
  for (const page of ctx.results.write) {
    const html = await readFile(join(outDir, page), "utf8");
    for (const [, href] of html.matchAll(/href="([^"#:]+)"/g)) {
      checked++;
      const target = resolve(dirname(join(outDir, page)), href!);
      try {
        await readFile(target);
      } catch {
        broken.push(`${page} → ${href}`);
        ctx.log(`broken link in ${page}: ${href}`, "stderr");
      }
    }
  }
  await pace(ctx.signal, 800);
  if (broken.length > 0) throw new Error(`${broken.length} broken link(s): ${broken.join(", ")}`);
  ctx.log(`${checked} links checked, none broken`);
  return checked;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const site = new Pipeline(
  "site",
  new Phase("discover", {
    handler: discover,
    description: "Find the Markdown pages under content/",
  }),
  new Phase("parse", {
    handler: parse,
    dependsOn: ["discover"],
    description: "Read each page's front matter and body",
    weight: 2,
  }),
  new Phase("render", {
    handler: render,
    dependsOn: ["parse"],
    parallel: true,
    description: "Render every page to HTML",
    weight: 3,
  }),
  new Phase("assets", {
    handler: assets,
    dependsOn: ["parse"],
    parallel: true,
    description: "Copy the stylesheet into out/",
  }),
  new Phase("write", {
    handler: write,
    dependsOn: ["render", "assets"],
    description: "Write the pages to out/",
    weight: 2,
  }),
  new Phase("health", {
    handler: health,
    dependsOn: ["write"],
    description: "Check that every internal link points at a written page",
    policy: { onFail: "retry", maxRetries: 1, retryDelayMs: 500 },
  }),
);
