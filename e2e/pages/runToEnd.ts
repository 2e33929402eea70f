import { expect, type Page } from "@playwright/test";

/**
 * Starts a run of `pipeline` through the API and waits until it has ended, without a page
 * following it live; its id and how it ended.
 */
export async function runToEnd(
  page: Page,
  pipeline: string,
  timeout = 45_000,
): Promise<{ id: string; status: string }> {
  const started = await page.request.post(`/api/pipelines/${encodeURIComponent(pipeline)}/runs`, {
    data: {},
  });
  expect(started.status()).toBe(201);
  const { id } = (await started.json()) as { id: string };
  let status = "pending";
  await expect
    .poll(
      async () => {
        status = ((await (await page.request.get(`/api/runs/${id}`)).json()) as { status: string })
          .status;
        return status === "pending" || status === "running";
      },
      { timeout },
    )
    .toBe(false);
  return { id, status };
}
