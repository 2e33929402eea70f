import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { PipelinePage } from "../pages/PipelinePage";

interface RunsPage {
  readonly runs: { readonly id: string; readonly status: string }[];
}

async function runs(request: APIRequestContext, baseURL: string): Promise<RunsPage["runs"]> {
  const response = await request.get(`${baseURL}/api/runs?limit=100`);
  return ((await response.json()) as RunsPage).runs;
}

/** A tiny site on another origin, serving one page. */
async function hostileSite(html: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // localhost:OTHERPORT is another origin than 127.0.0.1:4410 (and the same site for cookies).
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server };
}

test("a page on another origin cannot start or cancel runs, nor frame the dashboard", async ({
  page,
  request,
  baseURL,
}) => {
  const worker = String(baseURL);
  const target = await (
    await request.post(`${worker}/api/pipelines/e2e-slow/runs`, { data: {} })
  ).json();
  const before = await runs(request, worker);
  const start = `${worker}/api/pipelines/e2e-ordered/runs`;
  const cancel = `${worker}/api/runs/${target.id}/cancel`;
  const { url, server } = await hostileSite(`<!doctype html>
<iframe name="sink"></iframe>
<iframe id="framed" src="${worker}/"></iframe>
<form id="form" method="POST" action="${start}" target="sink" enctype="text/plain">
  <input name='{"concurrency":1,"x":"' value='"}'>
</form>
<img src="${worker}/api/runs">
<script>
  (async () => {
    const tries = [
      fetch(${JSON.stringify(start)}, { method: "POST", mode: "no-cors", body: "{}" }),
      fetch(${JSON.stringify(start)}, { method: "POST", mode: "no-cors" }),
      fetch(${JSON.stringify(cancel)}, { method: "POST", mode: "no-cors", body: "{}" }),
      fetch(${JSON.stringify(start)}, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      }).catch(() => "refused by CORS"),
    ];
    navigator.sendBeacon(${JSON.stringify(start)}, "{}");
    navigator.sendBeacon(${JSON.stringify(cancel)});
    try {
      navigator.sendBeacon(${JSON.stringify(start)}, new Blob(["{}"], { type: "application/json" }));
    } catch {
      // Chromium may refuse a beacon of a type that would need a preflight outright.
    }
    document.getElementById("form").submit();
    await Promise.allSettled(tries);
    document.title = "fired";
  })();
</script>`);
  try {
    const refusedFrames: string[] = [];
    page.on("console", (message) => {
      if (message.text().includes("frame-ancestors")) refusedFrames.push(message.text());
    });
    // Each POST as the browser's network log has it: sent, then answered or blocked.
    const network = await page.context().newCDPSession(page);
    await network.send("Network.enable");
    const posts = new Set<string>();
    const settled = new Set<string>();
    const statuses: number[] = [];
    network.on("Network.requestWillBeSent", (event) => {
      if (event.request.method === "POST" && event.request.url.startsWith(worker)) {
        posts.add(event.requestId);
      }
    });
    network.on("Network.responseReceived", (event) => {
      if (posts.has(event.requestId)) statuses.push(event.response.status);
    });
    network.on("Network.loadingFailed", (event) => {
      if (posts.has(event.requestId)) settled.add(event.requestId);
    });
    network.on("Network.loadingFinished", (event) => {
      if (posts.has(event.requestId)) settled.add(event.requestId);
    });
    await page.goto(url);
    await expect(page).toHaveTitle("fired");
    await expect.poll(() => refusedFrames.length).toBeGreaterThan(0);
    // Three no-cors fetches, two or three beacons and the form reach the worker; the JSON
    // fetch and the JSON beacon die at their preflight. Wait until every one has its answer.
    await expect.poll(() => posts.size).toBeGreaterThanOrEqual(7);
    await expect.poll(() => [...posts].every((id) => settled.has(id))).toBe(true);
    // The answers a page may see at all (the rest are hidden from it by CORP) are refusals.
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 403)).toBe(true);

    const after = await runs(request, worker);
    expect(after.map((run) => run.id)).toEqual(before.map((run) => run.id));
    expect(after.find((run) => run.id === target.id)?.status).toBe("running");
  } finally {
    server.close();
    await request.post(cancel, { data: {} });
  }
});

test("a rebinding-style Host reads and starts nothing", async ({ baseURL }) => {
  const { port } = new URL(String(baseURL));
  const send = (method: string, path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = httpRequest(
        `${baseURL}${path}`,
        { method, headers: { host: `evil.example:${port}`, "content-type": "application/json" } },
        (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => {
            body += chunk.toString();
          });
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      outgoing.on("error", reject);
      outgoing.end(method === "POST" ? "{}" : undefined);
    });
  for (const [method, path] of [
    ["GET", "/api/runs"],
    ["GET", "/"],
    ["POST", "/api/pipelines/e2e-ordered/runs"],
  ] as const) {
    const answer = await send(method, path);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.code).toBe("HOST_NOT_ALLOWED");
  }
});

test("the dashboard runs under its Content-Security-Policy without a single violation", async ({
  page,
}) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text) && !text.includes("'unsafe-eval'")) {
      problems.push(text);
    }
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      // zod (the contract's schemas) probes once whether eval works and falls back when the
      // policy refuses it: that refusal is the policy working, not something the page needs.
      if (event.blockedURI === "eval") return;
      console.error(
        `Refused (Content Security Policy): ${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  const response = await page.goto("/");
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  // The graph: React Flow's inline styles and the layout's Web Worker.
  const pipeline = await PipelinePage.openFromHome(page, "e2e-ordered");
  await expect(pipeline.node("fetch")).toBeVisible();
  await page.getByTestId("start-run").click();
  await page.waitForURL(/\/runs\/[^/]+$/);
  expect(problems).toEqual([]);
});

/** An address of this machine other than loopback, to bind a worker that needs a token. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find(
    (address) => address !== undefined && !address.internal && address.family === "IPv4",
  )?.address;

/** This environment without colors (Playwright sets FORCE_COLOR, which wins over NO_COLOR). */
function plainEnvironment(): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _ignored, ...rest } = process.env;
  return { ...rest, NO_COLOR: "1" };
}

/** `milo serve` in its own process; resolves with the dashboard URL it prints. */
function serveWithToken(args: readonly string[]): Promise<{ url: string; child: ChildProcess }> {
  const db = join(tmpdir(), `milo-e2e-token-${process.pid}-${Date.now()}.db`);
  const child = spawn(
    process.execPath,
    [
      "../apps/worker/bin/milo.mjs",
      "serve",
      "--port",
      "0",
      "--agents",
      "1",
      "--db",
      db,
      "--pipelines",
      "fixtures/pipelines.ts",
      ...args,
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: plainEnvironment() },
  );
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (\S+)/.exec(stdout)?.[1];
      if (url !== undefined) resolve({ url, child });
    });
    child.on("exit", (code) => reject(new Error(`milo serve exited with ${code}: ${stdout}`)));
  });
}

test("the token URL the worker prints opens the dashboard in one click", async ({ page }) => {
  // A worker other machines can reach makes up a token; on loopback alone, --token asks for one.
  const args = outsideAddress ? ["--host", outsideAddress] : ["--token", "e2e-token-123"];
  const { url, child } = await serveWithToken(args);
  try {
    expect(url).toMatch(/\/\?token=[^&]+$/);
    const origin = new URL(url).origin;
    const refused = await page.request.get(`${origin}/api/pipelines`);
    expect(refused.status()).toBe(401);

    await page.goto(url);
    await expect(page.getByTestId("pipeline-link-e2e-ordered")).toBeVisible();
    expect(page.url()).toBe(`${origin}/`);
    // The cookie is out of reach of the page's scripts.
    expect(await page.evaluate(() => document.cookie)).not.toContain("milo-token");

    await page.getByTestId("pipeline-link-e2e-ordered").click();
    await new PipelinePage(page, "e2e-ordered").waitForGraph();
    await page.getByTestId("start-run").click();
    await page.waitForURL(/\/runs\/[^/]+$/);
    // The page's own requests carry the cookie: the run it started ends, read the same way.
    const runId = new URL(page.url()).pathname.split("/").pop();
    await expect
      .poll(
        async () => (await (await page.request.get(`${origin}/api/runs/${runId}`)).json()).status,
      )
      .toBe("completed");
    // A phase's log downloads through a plain link: the cookie goes with it.
    await page.getByTestId("phase-node-fetch").click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("phase-logs-download").click(),
    ]);
    expect(await readFile((await download.path())!, "utf8")).toBe("fetching sources\n");
  } finally {
    child.kill("SIGINT");
  }
});
