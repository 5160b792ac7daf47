import { expect, test, type Page } from '@playwright/test';
import { OpenAITestServer, type Failure } from '../support/openai-test-server';
import { noSeriousA11yProblems, openScreen, shot } from './screens';

// The app against a local OpenAI-compatible server (the stand-in model behind Node's http):
// connecting from the Model screen, a COPA run through the real worker, and the failures a
// user meets, each said in words. The page's origin is the preview server's, so the test
// server sends CORS headers for it unless told not to.

const appOrigin = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;
let server: OpenAITestServer;

test.beforeEach(async () => {
  server = await new OpenAITestServer({ corsOrigin: appOrigin }).start();
});
test.afterEach(async () => {
  await server.close();
});

async function connect(page: Page): Promise<void> {
  await page.goto('/#/model');
  await expect(page.getByTestId('gpu-summary')).toBeVisible();
  await page.getByLabel('Server address').fill(server.url);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByTestId('server-models')).toContainText('offers 2 models');
  await page.locator('select[name="server-model"]').selectOption('standin-7b');
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect(page.getByTestId('server-speed')).toContainText("a call of a run's size in");
  await expect(page.getByTestId('engine-status')).toContainText('standin-7b (local server at');
}

test('connects to a local server and runs COPA through it; nothing goes anywhere else', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  await connect(page);
  await shot(page, 'model-local-server');
  await noSeriousA11yProblems(page, 'Model with a local server');
  await openScreen(page, 'Optimize');
  await expect(page.getByTestId('engine-offer')).toContainText('local server');
  // The warm-up measured a speed, so the estimate has a time.
  await expect(page.getByTestId('cost-estimate')).toContainText('at the speed measured');
  // Each of its calls costs real time: the real-model preset is applied, with its note.
  await expect(page.getByTestId('preset-note')).toContainText('Real-model preset applied');
  await expect(page.getByTestId('preset-note')).toContainText('on your model server');
  await expect(page.getByLabel('Cycles')).toHaveValue('2');
  await page.getByLabel('Cycles').fill('1');
  await page.getByLabel('Budget: max model calls (0 = none)').fill('100');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 90_000 });
  await expect(page.getByTestId('run-model')).toContainText('standin-7b (local server at');
  await openScreen(page, 'Library');
  await expect(page.getByTestId('saved-programs')).toContainText(
    'standin-7b (local server at http://',
  );
  expect(server.completions().length).toBeGreaterThan(50);
  expect(server.completions().every((r) => r.origin === appOrigin)).toBe(true);
  const origins = new Set(
    requested.filter((u) => /^https?:/.test(u)).map((u) => new URL(u).origin),
  );
  expect([...origins].sort()).toEqual([appOrigin, server.url].sort());
});

test('says in words what went wrong, and a run keeps its checkpoint while the server is gone', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/#/model');
  await expect(page.getByTestId('gpu-summary')).toBeVisible();
  await page.getByLabel('Server address').fill(server.url);
  const testConnection = page.getByRole('button', { name: 'Test connection' });
  const error = page.getByTestId('server-error');

  // No CORS headers: the browser cannot tell this from a closed port, and says both.
  server.corsOrigin = null;
  await testConnection.click();
  await expect(error).toContainText('ServerUnreachableError');
  await expect(error).toContainText('nothing is listening there');
  await expect(error).toContainText('OLLAMA_ORIGINS');
  server.corsOrigin = appOrigin;

  // A key is needed: 401 in words; with the key it connects.
  server.apiKey = 'sesame';
  await testConnection.click();
  await expect(error).toContainText('ServerAuthError');
  await expect(error).toContainText('Check the API key');
  await page.getByLabel('API key (optional)').fill('sesame');
  await testConnection.click();
  await expect(page.getByTestId('server-models')).toContainText('offers 2 models');
  await expect(error).toHaveCount(0);
  expect(server.requests.at(-1)?.authorization).toBe('Bearer sesame');

  // The server answers, but with a failure: each is named and explained.
  server.failModels = true;
  const failures: [Failure, string, string][] = [
    [{ kind: 'status', status: 404 }, 'ServerNoApiError', 'no OpenAI-compatible API'],
    [{ kind: 'status', status: 429 }, 'ServerBusyError', 'limits the request rate'],
    [{ kind: 'status', status: 503 }, 'ServerFailedError', "Look at the server's log"],
    [{ kind: 'malformed' }, 'ServerResponseError', 'not JSON'],
  ];
  for (const [failure, name, words] of failures) {
    server.failure = failure;
    await testConnection.click();
    await expect(error).toContainText(name);
    await expect(error).toContainText(words);
  }
  server.failModels = false;
  server.failure = null;

  // A public address is not called before the user confirms it.
  const before = server.requests.length;
  await page.getByLabel('Server address').fill('https://llm.example.com');
  await testConnection.click();
  await expect(error).toContainText('PublicServerAddressError');
  await expect(page.getByTestId('server-public-confirm')).toContainText(
    'Send my prompts and data there',
  );
  expect(server.requests.length).toBe(before);
  await page.getByLabel('Server address').fill(server.url);
  await testConnection.click();
  // A server that keeps the warm-up waiting (loading a big model): Cancel stops it, nothing
  // is said to have gone wrong, and the stand-in stays.
  server.failure = { kind: 'slow', ms: 60_000 };
  await page.getByRole('button', { name: 'Use this server' }).click();
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Use this server' })).toBeEnabled();
  await expect(page.getByTestId('engine-status')).toContainText('Stand-in model');
  await expect(error).toHaveCount(0);
  server.failure = null;
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect(page.getByTestId('engine-status')).toContainText('local server');

  // The address is remembered; the key only when asked, and forgotten when unticked.
  const stored = (): Promise<string> => page.evaluate(() => JSON.stringify(localStorage));
  expect(await stored()).toContain(server.url);
  expect(await stored()).not.toContain('sesame');
  const remember = page.getByLabel('Remember the API key in this browser', { exact: false });
  await remember.check();
  expect(await stored()).toContain('sesame');
  await remember.uncheck();
  expect(await stored()).not.toContain('sesame');

  // The server goes away mid-run: the run pauses at its last finished phase, says why, and
  // resumes once the server is back. Each answer is slowed so the run is still going.
  await runUntilTheServerDrops(page);
  await expect(page.getByTestId('run-error')).toContainText('ServerUnreachableError');
  const phasesKept = await page.getByTestId('phase-decision').count();
  expect(phasesKept).toBeGreaterThanOrEqual(1);
  server.failure = null;
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 90_000 });
  expect(await page.getByTestId('phase-decision').count()).toBeGreaterThan(phasesKept);
});

test('a run paused by a server that went away, after a reload: the offer names the server and resuming waits for it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await connect(page);
  await runUntilTheServerDrops(page);
  server.failure = null;

  // After a reload the stand-in answers: the offer says which model the run needs.
  await page.reload();
  const offer = page.getByTestId('interrupted-run');
  await expect(offer).toBeVisible();
  // Stopped by the lost server, not paused by the user: the note says so, why, and that
  // resuming runs the cut-off phase again (it said the run "was paused").
  await expect(offer).toContainText('stopped when its model engine was lost');
  await expect(offer).toContainText('What stopped it (ServerUnreachableError): No answer from');
  await expect(offer).toContainText('Resuming runs the phase that was cut off again');
  await expect(page.getByTestId('interrupted-model')).toContainText(
    'It ran with standin-7b (local server at',
  );
  await offer.getByRole('button', { name: 'Resume it' }).click();
  await expect(page.getByTestId('run-error')).toContainText('Connect to that server again');
  // Refused, not begun: the run is still offered, and nothing says it is continuing.
  await expect(offer).toBeVisible();
  await expect(page.getByText('from its last saved phase')).toHaveCount(0);

  await openScreen(page, 'Model');
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect(page.getByTestId('engine-status')).toContainText('standin-7b (local server at');
  await openScreen(page, 'Optimize');
  await expect(page.getByTestId('interrupted-model')).toHaveCount(0);
  await offer.getByRole('button', { name: 'Resume it' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 90_000 });
});

test('a thinking model: the connect turns its thinking off, says so, and runs with it off', async ({
  page,
}) => {
  test.setTimeout(90_000);
  server.thinking = true;
  await connect(page);
  await expect(page.getByTestId('server-thinking-off')).toContainText(
    'COPA turned its thinking off, sending "chat_template_kwargs":{"enable_thinking":false}',
  );
  await noSeriousA11yProblems(page, 'Model with a thinking model on a local server');
  await openScreen(page, 'Optimize');
  await page.getByLabel('Cycles').fill('1');
  await page.getByLabel('Budget: max model calls (0 = none)').fill('40');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  await expect(page.getByTestId('unreadable-answers')).toHaveCount(0);
  const calls = server.completions();
  // Only the warm-up's first call went without it.
  expect(calls.filter((r) => r.body?.chat_template_kwargs === undefined)).toHaveLength(1);
});

test('a model that never answers in the format asked: the run says so, not only 0%', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await connect(page);
  await openScreen(page, 'Optimize');
  await page.getByLabel('Cycles').fill('1');
  await page.getByLabel('Budget: max model calls (0 = none)').fill('60');
  server.failure = { kind: 'text', text: 'Well, let me think about this ticket carefully first.' };
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-status')).toContainText('Finished', { timeout: 60_000 });
  // Cached answers (a retry asked again) count as answers too: more than the 60 calls.
  await expect(page.getByTestId('unreadable-answers')).toContainText(
    /None of the model's \d+ answers in this run could be read/,
  );
});

test('keyboard: focus goes on from Test connection to Use this server, and stays there', async ({
  page,
}) => {
  await page.goto('/#/model');
  await expect(page.getByTestId('gpu-summary')).toBeVisible();
  await page.getByLabel('Server address').fill(server.url);
  await page.getByRole('button', { name: 'Test connection' }).focus();
  await page.keyboard.press('Enter');
  const use = page.getByRole('button', { name: 'Use this server' });
  await expect(use).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('server-speed')).toBeVisible();
  await expect(use).toBeFocused();
});

/**
 * Starts a two-cycle run on the server, each answer slowed so it is still going, and takes the
 * server away once the first phase is decided (and checkpointed): the run pauses, saying why.
 */
async function runUntilTheServerDrops(page: Page): Promise<void> {
  await openScreen(page, 'Optimize');
  await page.getByLabel('Cycles').fill('2');
  await page.getByLabel('Budget: max model calls (0 = none)').fill('400');
  server.failure = { kind: 'slow', ms: 10 };
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('phase-decision').first()).toBeVisible({ timeout: 60_000 });
  server.failure = { kind: 'drop' };
  await expect(page.getByTestId('run-status')).toContainText('the local server stopped answering', {
    timeout: 30_000,
  });
}

test('Try it: an error that came while another screen was open is shown on coming back', async ({
  page,
}) => {
  await connect(page);
  await openScreen(page, 'Try it');
  const ticket = page.getByRole('textbox', { name: /^ticket/ });
  await ticket.fill('I was charged twice this month');
  // The server fails with 503 and asks to wait a second: the two retries make the error come
  // about two seconds after Run, when the user has gone to Results.
  server.failure = { kind: 'status', status: 503, retryAfterS: 1 };
  const before = server.completions().length;
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Running…' })).toBeDisabled();
  await openScreen(page, 'Results');
  await expect.poll(() => server.completions().length - before, { timeout: 10_000 }).toBe(3);
  await page.waitForTimeout(1000);
  await openScreen(page, 'Try it');
  await expect(ticket).toHaveValue('I was charged twice this month');
  // It was lost: the input came back with neither the error nor an answer.
  await expect(page.getByRole('alert')).toContainText('ServerFailedError');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  // It stays while the user looks elsewhere, and a new Run clears it.
  await openScreen(page, 'Results');
  await openScreen(page, 'Try it');
  await expect(page.getByRole('alert')).toContainText('ServerFailedError');
  server.failure = null;
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('try-answer')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
