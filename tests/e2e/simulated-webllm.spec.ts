import { expect, test, type Page } from '@playwright/test';
import { openScreen, shot } from './screens';
import { REAL_MODEL_PRESET } from '../../src/core/real-model-preset';

// The app's real worker path with a simulated WebLLM engine in place of weights and a GPU:
// `?simulated-webllm` is a test-only switch (src/worker/test-hooks.ts). The simulated GPU is a
// 4 GB device, so Phi-3.5 mini (3.7 GB of GPU memory) is too large for it.

test('a real model: too-large models need confirmation, the warm-up measures the speed, the preset is applied, the run is estimated in minutes, and a model added by address is found thinking by its warm-up', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?simulated-webllm#/model');
  await expect(page.getByTestId('gpu-summary')).toContainText('can run WebLLM');
  const catalog = page.getByTestId('catalog');
  const phi = catalog.locator('label', { hasText: 'Phi-3.5 mini' });
  await expect(phi.getByTestId('too-large')).toContainText('Too large for this GPU');
  await expect(
    catalog.locator('label', { hasText: 'Qwen2.5 0.5B' }).getByTestId('too-large'),
  ).toHaveCount(0);
  // Qwen3 is offered with its size, said to run with its thinking off; other models are not.
  const qwen3 = catalog.locator('label', { hasText: 'Qwen3 0.6B' });
  await expect(qwen3).toContainText(/needs about 1,403 MB of GPU memory/);
  await expect(qwen3.getByTestId('thinking-off')).toContainText('turns its thinking off');
  await expect(
    catalog.locator('label', { hasText: 'Qwen2.5 0.5B' }).getByTestId('thinking-off'),
  ).toHaveCount(0);

  // Choosing the too-large model asks for confirmation before it can be loaded.
  const load = page.getByRole('button', { name: 'Load model' });
  await phi.getByRole('radio').check();
  await expect(load).toBeDisabled();
  await page.getByLabel(/Try it anyway/).check();
  await expect(load).toBeEnabled();

  await catalog.locator('label', { hasText: 'Qwen2.5 0.5B' }).getByRole('radio').check();
  await expect(load).toBeEnabled();
  await load.click();
  await expect(page.getByTestId('engine-status')).toHaveText(
    'Current model: Qwen2.5 0.5B Instruct (q4f16_1)',
  );
  await expect(page.getByTestId('model-speed')).toContainText('300 tokens/s');
  await expect(page.getByTestId('model-speed')).toContainText('40.0 tokens/s');
  await shot(page, 'simulated-webllm-model');

  await openScreen(page, 'Optimize');
  const note = page.getByTestId('preset-note');
  await expect(note).toContainText('Real-model preset applied');
  await expect(note).toContainText(`${REAL_MODEL_PRESET.cycles} cycles, the instruction first,`);
  await expect(page.getByLabel('Cycles')).toHaveValue(String(REAL_MODEL_PRESET.cycles));
  await expect(page.getByLabel('First phase of each cycle')).toHaveValue('prompt');
  await expect(page.getByLabel('Demo token budget')).toHaveValue(
    String(REAL_MODEL_PRESET.demoTokenBudget),
  );
  // The intro names the phases in the order this run takes them.
  await expect(page.getByTestId('copa-intro')).toContainText(
    'write better instructions, then a compilation phase picks',
  );
  await expect(note).toContainText("stayed within 0.02 of default COPA's");
  await expect(page.getByLabel('Budget: max minutes (0 = none)')).toHaveValue(
    String((REAL_MODEL_PRESET.budget?.maxWallMs ?? 0) / 60_000),
  );
  // Before the first run: the time in minutes at the speed measured by the warm-up.
  const estimate = page.getByTestId('time-estimate');
  await expect(estimate).toContainText(/about \d+ min/);
  await expect(estimate).toContainText('measured on this machine');
  await shot(page, 'simulated-webllm-optimize');

  // A short run: the simulated model's proposals all come back the same, which the phase card
  // reports as proposals that gave nothing usable.
  await page.getByLabel('Instruction candidates').fill('3');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 90_000 });
  await expect(page.getByTestId('run-model')).toContainText('Qwen2.5 0.5B Instruct (q4f16_1)');
  await expect(page.getByTestId('failed-proposals')).toContainText('gave nothing usable');
  await shot(page, 'simulated-webllm-run');
  // The Library names the model of the program the run saved as the other screens do.
  await openScreen(page, 'Library');
  await expect(page.getByTestId('saved-programs')).toContainText(
    'Qwen2.5 0.5B Instruct (q4f16_1) · seed',
  );

  // The stand-in takes the preset back and is estimated on a typical iGPU, said to be that.
  await openScreen(page, 'Model');
  await page.getByRole('button', { name: 'Use the stand-in model' }).click();
  await expect(page.getByTestId('engine-status')).toContainText('Stand-in model');
  await openScreen(page, 'Optimize');
  await expect(page.getByTestId('preset-note')).toHaveCount(0);
  await expect(page.getByLabel('Cycles')).toHaveValue('3');
  await expect(page.getByLabel('Demo token budget')).toHaveValue('1200');
  await expect(page.getByTestId('time-estimate')).toContainText('typical integrated GPU');
  await expect(page.getByTestId('cost-estimate')).toContainText('model calls');
  // The estimate follows the settings a moment later: read it once it holds still.
  let standInCost = await shownCost(page);
  await expect
    .poll(async () => {
      const before = standInCost;
      await page.waitForTimeout(500);
      standInCost = await shownCost(page);
      return before.written === standInCost.written && before.calls === standInCost.calls;
    })
    .toBe(true);

  // A model added by address that thinks (the simulated Qwen3 4B does) is found so by its
  // warm-up, and the status says its thinking is off; the catalog could not have said it.
  await openScreen(page, 'Model');
  await page.getByText('Add a model by address').click();
  await page.getByLabel('Model id').fill('Qwen3-4B-q4f32_1-MLC');
  await page.getByLabel('Weights URL').fill('https://simulated.invalid/Qwen3-4B');
  await page.getByLabel('Library URL (.wasm)').fill('https://simulated.invalid/Qwen3-4B.wasm');
  await page.getByRole('button', { name: 'Add model' }).click();
  const added = catalog.locator('label', { hasText: 'Qwen3-4B-q4f32_1-MLC' });
  await expect(added).toContainText('(added by address, context window 4,096 tokens)');
  await expect(added.getByTestId('thinking-off')).toHaveCount(0);
  await expect(added.getByRole('radio')).toBeChecked();
  await expect(page.getByTestId('model-thinking-off')).toHaveCount(0);
  await load.click();
  await expect(page.getByTestId('engine-status')).toContainText('Qwen3-4B-q4f32_1-MLC');
  await expect(page.getByTestId('model-thinking-off')).toContainText(
    'This model thinks before it answers (its warm-up call showed it)',
  );
  await expect(page.getByTestId('model-thinking-off')).toContainText(
    'COPA turns its thinking off on every call',
  );
  // With the same settings, the estimate counts the empty thinking block each call writes.
  await openScreen(page, 'Optimize');
  await page.getByRole('button', { name: "Use COPA's defaults" }).click();
  await expect(page.getByLabel('Cycles')).toHaveValue('3');
  await expect
    .poll(() => shownCost(page))
    .toEqual({ calls: standInCost.calls, written: standInCost.written + 4 * standInCost.calls });
});

/** The calls and tokens written that Optimize's cost estimate shows. */
async function shownCost(page: Page): Promise<{ calls: number; written: number }> {
  const text = (await page.getByTestId('cost-estimate').textContent()) ?? '';
  const read = (pattern: RegExp): number =>
    Number(pattern.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
  return { calls: read(/about ([\d,]+) model calls/), written: read(/([\d,]+) written/) };
}

test('deleting the loaded model leaves no stale speed, and Optimize says why Start is off and how to go on', async ({
  page,
}) => {
  await page.goto('/?simulated-webllm#/model');
  const qwen = page.getByTestId('catalog').locator('label', { hasText: 'Qwen2.5 0.5B' });
  await qwen.getByRole('radio').check();
  await expect(qwen.getByTestId('downloaded')).toHaveCount(0);
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('model-speed')).toContainText('tokens/s');
  // Its files are in this browser now: the catalog says it works offline.
  await expect(qwen.getByTestId('downloaded')).toContainText('works offline');
  // The load's phases are said in words, not by their identifiers ("ready: 100%").
  await expect(page.getByTestId('load-progress')).toContainText('Loaded');
  await expect(page.getByTestId('load-progress')).not.toContainText('ready:');
  await deleteDownloadedQwen(page);
  await expect(qwen.getByTestId('downloaded')).toHaveCount(0);
  // The speed was that of the model now unloaded.
  await expect(page.getByTestId('model-speed')).toHaveCount(0);

  // Try it says why Run is off, and how to go on (it said nothing).
  await openScreen(page, 'Try it');
  const run = page.getByRole('button', { name: 'Run', exact: true });
  await expect(run).toBeDisabled();
  await expect(run).toHaveAccessibleDescription(/^No model is loaded: choose one on Model/);
  await page
    .getByTestId('try-no-model')
    .getByRole('button', { name: 'Use the stand-in model' })
    .click();
  await expect(run).toBeEnabled();
  await expect(page.getByTestId('try-no-model')).toHaveCount(0);
  // No model again, for Optimize.
  await openScreen(page, 'Model');
  await qwen.getByRole('radio').check();
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('model-speed')).toContainText('tokens/s');
  await deleteDownloadedQwen(page);

  await openScreen(page, 'Optimize');
  const start = page.getByRole('button', { name: 'Start run' });
  await expect(start).toBeDisabled();
  const offer = page.getByTestId('no-model');
  await expect(offer).toContainText('No model is loaded');
  await expect(start).toHaveAttribute('aria-describedby', /no-model/);
  await offer.getByRole('button', { name: 'Use the stand-in model' }).click();
  await expect(page.getByTestId('engine-offer')).toContainText('Model: stand-in');
  await expect(start).toBeEnabled();
});

test('a model added by address under an id WebLLM has is refused beside the form, and the page stays whole', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  await page.goto('/?simulated-webllm#/model');
  const catalog = page.getByTestId('catalog');
  await expect(catalog.getByRole('radio').first()).toBeVisible();
  const before = await catalog.getByRole('radio').count();
  await page.getByText('Add a model by address').click();
  const form = page.getByTestId('add-model');
  await form.getByLabel('Model id').fill('Qwen2.5-0.5B-Instruct-q4f16_1-MLC');
  await form.getByLabel('Weights URL').fill('https://simulated.invalid/mine');
  await form.getByLabel('Library URL (.wasm)').fill('https://simulated.invalid/mine.wasm');
  await form.getByRole('button', { name: 'Add model' }).click();
  // Said where the user is (the form is at the bottom of a long screen), not only at the top.
  await expect(form.getByRole('alert')).toContainText('WebLLM already has a model with the id');
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(catalog.getByRole('radio')).toHaveCount(before);
  // Another id is added, and the refusal goes. A context window WebLLM's models are not built
  // for is refused beside its box first; the one given is listed with the model.
  await form.getByLabel('Model id').fill('Mine-q4f16_1-MLC');
  const context = form.getByLabel(/Context window in tokens/);
  await context.fill('1000000');
  await expect(form.getByTestId('custom-context-problem')).toContainText('512 to 131,072 tokens');
  await expect(form.getByRole('button', { name: 'Add model' })).toBeDisabled();
  await context.fill('8192');
  await form.getByRole('button', { name: 'Add model' }).click();
  await expect(catalog.locator('label', { hasText: 'Mine-q4f16_1-MLC' })).toContainText(
    '(added by address, context window 8,192 tokens)',
  );
  await expect(form.getByRole('alert')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test("the estimate on opening Optimize after a real model loads is the preset's, never the default settings' first", async ({
  page,
}) => {
  await page.goto('/?simulated-webllm#/model');
  await expect(page.getByTestId('gpu-summary')).toContainText('can run WebLLM');
  const catalog = page.getByTestId('catalog');
  await catalog.locator('label', { hasText: 'Qwen2.5 0.5B' }).getByRole('radio').check();
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('model-speed')).toContainText('tokens/s');
  // Every call count the estimate shows from the moment Optimize opens.
  await page.evaluate(() => {
    const shown: string[] = [];
    Object.assign(window, { shownCalls: shown });
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=cost-estimate]')?.textContent ?? '';
      const calls = /about ([\d,]+) model calls/.exec(text)?.[1];
      if (calls && shown.at(-1) !== calls) shown.push(calls);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await openScreen(page, 'Optimize');
  await expect(page.getByTestId('preset-note')).toContainText('Real-model preset applied');
  await expect(page.getByTestId('time-estimate')).toContainText('measured on this machine');
  // Settled: the worker has had time to answer any estimate asked for.
  await page.waitForTimeout(1000);
  const shown = await page.evaluate(
    () => (window as unknown as { shownCalls: string[] }).shownCalls,
  );
  // It was the default 3 cycles' figure for about 250 ms, then the preset's.
  expect(shown).toHaveLength(1);
});

test("on a real model's 4,096-token window the proposer's requests are fitted, and the phase card says what was left out", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?simulated-webllm#/model');
  const catalog = page.getByTestId('catalog');
  await catalog.locator('label', { hasText: 'Qwen2.5 0.5B' }).getByRole('radio').check();
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('model-speed')).toContainText('tokens/s');
  await openScreen(page, 'Optimize');
  // COPA's defaults show the proposer twice the evidence the preset does: on ticket routing
  // more than the window holds, so some of it is left out rather than every proposal refused.
  await page.getByRole('button', { name: "Use COPA's defaults" }).click();
  await page.getByLabel('Cycles').fill('1');
  await page.getByLabel('First phase of each cycle').selectOption('prompt');
  await page.getByLabel('Instruction candidates').fill('2');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 90_000 });
  await expect(page.getByTestId('proposer-trims')).toContainText(
    "The proposer's requests were too long for the model's context window",
  );
  await expect(page.getByTestId('proposer-trims')).toContainText(
    /\d+\s+examples and earlier instructions were left/,
  );
});

test('a load that fails where a real model was loaded loads that model again and says so', async ({
  page,
}) => {
  await page.goto('/?simulated-webllm#/model');
  const catalog = page.getByTestId('catalog');
  await catalog.locator('label', { hasText: 'Qwen2.5 0.5B' }).getByRole('radio').check();
  const load = page.getByRole('button', { name: 'Load model' });
  await load.click();
  await expect(page.getByTestId('model-speed')).toContainText('tokens/s');
  const status = page.getByTestId('engine-status');
  const working = (await status.textContent()) ?? '';
  // A model whose files cannot be fetched (the simulated host does not have them).
  await page.getByText('Add a model by address').click();
  await page.getByLabel('Model id').fill('Unreachable-q4f16_1-MLC');
  await page.getByLabel('Weights URL').fill('https://models.invalid/unreachable');
  await page.getByLabel('Library URL (.wasm)').fill('https://models.invalid/unreachable.wasm');
  await page.getByRole('button', { name: 'Add model' }).click();
  await expect(catalog.getByRole('radio', { checked: true })).toHaveValue(
    'Unreachable-q4f16_1-MLC',
  );
  await load.click();
  await expect(page.getByTestId('model-error')).toBeVisible();
  await expect(page.getByTestId('unloaded-note')).toContainText(
    'the model in use before, is loaded again',
  );
  await expect(status).toHaveText(working);
  await expect(page.getByTestId('model-speed')).toContainText('tokens/s');
  await openScreen(page, 'Optimize');
  await expect(page.getByRole('button', { name: 'Start run' })).toBeEnabled();
});

/** Deletes the downloaded Qwen2.5 model from Model's list, which unloads it. */
async function deleteDownloadedQwen(page: Page): Promise<void> {
  await page.getByText('Downloaded models').click();
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Qwen2.5' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(page.getByTestId('engine-status')).toContainText('No model loaded');
}
