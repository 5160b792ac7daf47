import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { noSeriousA11yProblems, openScreen } from './screens';
import { openWithStandIn, runToFinish } from './storage-helpers';

const MULTIHOP = readFileSync(
  fileURLToPath(new URL('../fixtures/dspy/multihop-2.4.json', import.meta.url)),
);

test('the DSPy export shows how it loads, its warnings and the Python, then downloads both files', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openWithStandIn(page);
  await runToFinish(page, 1);

  await openScreen(page, 'Results');
  await page.getByRole('button', { name: /^DSPy \(JSON \+ Python/ }).click();
  const panel = page.getByTestId('dspy-export');
  await expect(panel).toContainText('bare predictor');
  // The label set DSPy's JSON cannot hold is shown before download, not dropped.
  await expect(page.getByTestId('dspy-export-warnings')).toContainText(
    /route\.department is a label field with 5 labels; .*Literal\["billing", /,
  );
  const code = page.getByTestId('dspy-python');
  await expect(code).toContainText('department: Literal["billing"');
  await expect(code).toContainText(/program = dspy\.Predict\(Route\)\s+program\.load\("/);
  // The run's metric, to score the program in DSPy as here.
  await expect(code).toContainText('SCORED_FIELD = "department"');
  await expect(code).toContainText('def metric(example, pred, trace=None):');
  await noSeriousA11yProblems(page, 'results (DSPy export)');

  const savingJson = page.waitForEvent('download');
  await panel.getByRole('button', { name: /^Download .*\.dspy\.json$/ }).click();
  const jsonFile = await savingJson;
  const exported = JSON.parse(readFileSync((await jsonFile.path())!, 'utf8')) as Record<
    string,
    unknown
  >;
  // Flat, as dspy.Predict(...).save() writes it; no invented Python or DSPy versions.
  expect(Object.keys(exported)).toEqual([
    'traces',
    'train',
    'demos',
    'signature',
    'lm',
    'metadata',
  ]);
  expect(exported.metadata).toMatchObject({ dependency_versions: {} });

  const savingPy = page.waitForEvent('download');
  await panel.getByRole('button', { name: /^Download .*\.dspy\.py$/ }).click();
  const pyFile = await savingPy;
  const python = readFileSync((await pyFile.path())!, 'utf8');
  expect(python.trim()).toBe((await code.innerText()).trim());
  expect(python).toContain(`program.load("${jsonFile.suggestedFilename()}")`);
  // Closed from the keyboard, focus goes back to the button that opened it (it fell to the page).
  await panel.getByRole('button', { name: 'Close' }).press('Enter');
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^DSPy \(JSON \+ Python/ })).toBeFocused();

  // A DSPy 2.4 multi-hop file: its Retrieve is kept, said in the library, and rebuilt in the code.
  await page.goto('/#/library');
  await page.getByLabel('Import a program file (project JSON or DSPy JSON)').setInputFiles({
    name: 'multihop.json',
    mimeType: 'application/json',
    buffer: MULTIHOP,
  });
  const programs = page.getByTestId('saved-programs');
  await expect(programs.getByTestId('kept-parameters')).toContainText(
    'Kept from DSPy, not run here: retrieve (Retrieve)',
  );
  await programs
    .getByRole('button', { name: 'Export multihop for DSPy (JSON + Python to load it)' })
    .click();
  await expect(programs.getByTestId('dspy-python')).toContainText(
    'self.retrieve = dspy.Retrieve(k=3)',
  );
  await expect(programs.getByTestId('dspy-export-warnings')).toContainText(
    '"retrieve" (a DSPy Retrieve kept from the imported file) is written back as it was',
  );
});
