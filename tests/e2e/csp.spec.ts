import { expect, test, type Page } from '@playwright/test';
import { openScreen } from './screens';
import { openWithStandIn, runToFinish } from './storage-helpers';

/** Clicks a button that saves a file and waits for the download. */
async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const saving = page.waitForEvent('download');
  await click();
  return (await saving).suggestedFilename();
}

test('under the Content-Security-Policy, import, a run, Results, Try it and every export report no violation', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const violations: string[] = [];
  const note = (where: string, text: string): void => {
    if (/Content Security Policy|Refused to (load|connect|execute|apply|create|frame)/i.test(text))
      violations.push(`${where}: ${text}`);
  };
  page.on('console', (m) => note('page console', m.text()));
  page.on('worker', (w) => w.on('console', (m) => note('worker console', m.text())));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const w = window as unknown as { cspViolations?: string[] };
      (w.cspViolations ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));

  const response = await page.goto('/');
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');

  // Data import.
  await openWithStandIn(page);
  await openScreen(page, 'Data');
  const importer = page.getByTestId('data-import');
  const csv = [
    'text,label',
    ...Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? `"Refund my order ${i}",billing` : `"=HYPERLINK(""x"") crash ${i}",technical`,
    ),
  ].join('\n');
  await importer
    .getByLabel('Data file')
    .setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await importer.getByLabel('Column for ticket').selectOption('text');
  await importer.getByLabel('Column for department').selectOption('label');
  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved');

  // A stand-in run and its report.
  await openScreen(page, 'Optimize');
  await runToFinish(page, 1);
  const report = page.getByTestId('run-report');
  expect(await download(page, () => report.getByRole('button', { name: 'JSON' }).click())).toMatch(
    /\.json$/,
  );

  // Results and their exports.
  await openScreen(page, 'Results');
  await page.getByRole('button', { name: /Evaluate baseline and optimized/ }).click();
  await expect(page.getByTestId('results-table')).toBeVisible({ timeout: 60_000 });
  expect(
    await download(page, () => page.getByRole('button', { name: /examples as CSV$/ }).click()),
  ).toMatch(/\.csv$/);
  // The DSPy export opens a panel first (how it loads, warnings, the Python), then downloads.
  await page.getByRole('button', { name: /^DSPy \(JSON \+ Python/ }).click();
  expect(
    await download(page, () =>
      page.getByRole('button', { name: /^Download .*\.dspy\.json$/ }).click(),
    ),
  ).toMatch(/\.json$/);
  expect(
    await download(page, () =>
      page.getByRole('button', { name: /^Download .*\.dspy\.py$/ }).click(),
    ),
  ).toMatch(/\.py$/);

  // Try it.
  await openScreen(page, 'Try it');
  // An empty input is not sent to the model: the browser asks for it first.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('textarea:invalid')).toHaveCount(1);
  await expect(page.getByText('Running…')).toHaveCount(0);
  await page.getByRole('button', { name: 'Example 1' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('try-answer')).toBeVisible({ timeout: 30_000 });

  // Library: every program export, the run report as Markdown, a program import.
  await openScreen(page, 'Library');
  const programs = page.getByTestId('saved-programs');
  await programs
    .getByRole('button', { name: /for DSPy/ })
    .first()
    .click();
  for (const file of [/\.dspy\.json$/, /\.dspy\.py$/])
    expect(
      await download(page, () =>
        programs.getByRole('button', { name: new RegExp(`^Download .*${file.source}`) }).click(),
      ),
    ).toMatch(file);
  await programs.getByRole('button', { name: 'Close' }).click();
  for (const label of ['Project JSON', 'OpenAI messages', 'Plain text'])
    expect(
      await download(page, () =>
        programs
          .getByRole('button', { name: new RegExp(`as ${label}`) })
          .first()
          .click(),
      ),
    ).toBeTruthy();
  expect(
    await download(page, () =>
      page
        .getByTestId('past-runs')
        .getByRole('button', { name: /^Report \(Markdown\) of / })
        .first()
        .click(),
    ),
  ).toMatch(/\.md$/);
  await page.getByLabel('Import a program file (project JSON or DSPy JSON)').setInputFiles({
    name: 'router.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        classify: {
          demos: [{ augmented: true, ticket: 'charged twice', department: 'billing' }],
          signature: {
            instructions: 'Route the ticket.',
            fields: [
              { prefix: 'Ticket:', description: '${ticket}' },
              { prefix: 'Department:', description: '${department}' },
            ],
          },
        },
      }),
    ),
  });
  await expect(programs).toContainText('imported DSPy file');

  const reported = await page.evaluate(
    () => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [],
  );
  expect([...reported, ...violations]).toEqual([]);
  expect(problems).toEqual([]);
});
