import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// Overridable so a local run can keep its pictures apart from other runs' output.
const SCREENS_DIR = process.env.SCREENS_DIR ?? 'test-results/screens';

/** A full-page screenshot in test-results/screens, to look at what a user sees. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENS_DIR}/${name}.png`, fullPage: true });
}

/** Opens a screen from the navigation and waits until it is the current one. */
export async function openScreen(page: Page, label: string): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: label });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/** An axe scan (WCAG 2 A/AA) of the page with no serious or critical violation. */
export async function noSeriousA11yProblems(page: Page, screen: string): Promise<void> {
  const scan = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
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
