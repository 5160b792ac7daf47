import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Where full-page screenshots go, to look at what a user sees; none are taken unless it is set
 * (`SCREENS_DIR=test-results/screens npm run test:e2e`): each costs a test about 0.7 s, and a
 * failing test keeps its trace, screenshots included, anyway.
 */
export const SCREENS_DIR = process.env.SCREENS_DIR;

/** A full-page screenshot in SCREENS_DIR, when it is set. */
export async function shot(page: Page, name: string): Promise<void> {
  if (SCREENS_DIR) await page.screenshot({ path: `${SCREENS_DIR}/${name}.png`, fullPage: true });
}

/** Opens a screen from the navigation and waits until it is the current one. */
export async function openScreen(page: Page, label: string): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: label });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/** An axe scan (WCAG 2 A/AA) of the page with no serious or critical violation. */
export async function noSeriousA11yProblems(page: Page, screen: string): Promise<void> {
  // Legacy mode runs axe in the page itself instead of finishing in a new blank page: the same
  // rules, 35–45% faster per scan (the app has no frames, which that page exists for).
  const scan = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  const bad = scan.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${screen}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(bad).toEqual([]);
}

/** Chooses the stand-in model (with a simulated delay per call) and opens the Optimize screen. */
export async function chooseStandIn(page: Page, delayMs = 0): Promise<void> {
  await page.goto('/#/model');
  await expect(page.getByTestId('gpu-summary')).toBeVisible();
  if (delayMs > 0) await page.getByLabel('Simulated delay per call (ms)').fill(String(delayMs));
  await page.getByRole('button', { name: 'Use the stand-in model' }).click();
  await expect(page.getByTestId('engine-status')).toContainText('Stand-in model');
  await openScreen(page, 'Optimize');
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
}

/**
 * The words of an element that a line break splits (letters of one word on two lines): a narrow
 * column that may break anywhere split "Constrai nt", "19. 0%" or "18.3 %".
 */
export async function wordsSplitAcrossLines(element: Locator): Promise<string[]> {
  return element.evaluate((root) => {
    const split: string[] = [];
    const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) split.push(word[0]);
      }
    }
    return split;
  });
}
