import { expect, test } from "@playwright/test";

test("hashed assets are cached for a year and sent compressed; index.html is revalidated", async ({
  request,
}) => {
  for (const path of ["/", "/runs", "/pipelines/e2e-ordered"]) {
    const page = await request.get(path, { headers: { "Accept-Encoding": "br, gzip" } });
    expect(page.status(), path).toBe(200);
    expect(page.headers()["cache-control"], path).toBe("no-cache");
  }

  const html = await (await request.get("/")).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
  expect(assets.some((asset) => asset.endsWith(".js"))).toBe(true);
  expect(assets.some((asset) => asset.endsWith(".css"))).toBe(true);

  for (const asset of assets) {
    const plain = await request.get(asset, { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers()["content-encoding"], asset).toBeUndefined();
    expect(plain.headers()["cache-control"], asset).toBe("public, max-age=31536000, immutable");
    const body = await plain.body();

    for (const encoding of ["br", "gzip"]) {
      const compressed = await request.get(asset, { headers: { "Accept-Encoding": encoding } });
      const headers = compressed.headers();
      expect(headers["content-encoding"], `${asset} ${encoding}`).toBe(encoding);
      expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(headers.vary).toContain("Accept-Encoding");
      expect(headers["content-type"]).toMatch(asset.endsWith(".js") ? /javascript/ : /css/);
      // Playwright decodes the body: the same bytes as the uncompressed file.
      expect((await compressed.body()).equals(body)).toBe(true);
    }
  }
});
