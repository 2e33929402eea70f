import { expect, type Locator, type Page } from "@playwright/test";

/** Presses Tab until `target` has focus, as someone without a mouse would; fails past `limit`. */
export async function tabTo(page: Page, target: Locator, limit = 60): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((node) => node === document.activeElement)) return presses;
  }
  throw new Error(`${target} not reached after ${limit} presses of Tab`);
}

export async function expectFocused(target: Locator): Promise<void> {
  await expect.poll(() => target.evaluate((node) => node === document.activeElement)).toBe(true);
}
