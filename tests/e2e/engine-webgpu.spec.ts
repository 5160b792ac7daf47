import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import config, { chromiumArgs } from '../../playwright.config';

// With --enable-unsafe-webgpu Chromium offers an adapter: a software one (SwiftShader, without
// shader-f16) when headless on a machine without a GPU, the real GPU elsewhere. The report
// and the catalog must match what the adapter has, whichever it is.
const executablePath = config.use?.launchOptions?.executablePath;
test.use({
  launchOptions: {
    args: [...chromiumArgs, '--enable-unsafe-webgpu'],
    ...(executablePath ? { executablePath } : {}),
  },
});

test('the probe and the catalog match the adapter: no f16 model without shader-f16', async ({
  page,
}) => {
  await page.goto('/#/model');
  const adapter = await page.evaluate(async () => {
    type Adapter = {
      features: Set<string>;
      info?: { isFallbackAdapter?: boolean };
      isFallbackAdapter?: boolean;
    };
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<Adapter | null> } })
      .gpu;
    const a = await gpu?.requestAdapter();
    if (!a) return null;
    const fallback = a.info?.isFallbackAdapter === true || a.isFallbackAdapter === true;
    return { f16: a.features.has('shader-f16'), fallback };
  });
  test.skip(adapter === null, 'this browser offers no WebGPU adapter');
  const report = page.getByTestId('gpu-report');
  if (adapter!.fallback) await expect(report).toContainText('software (fallback) adapter');
  if (!adapter!.f16) await expect(report).toContainText('lacks 16-bit float shaders');
  const catalog = page.getByTestId('catalog');
  // The list comes from WebLLM's config, a large module the worker loads first.
  await expect(catalog.getByRole('radio').first()).toBeVisible({ timeout: 30_000 });
  const ids = await catalog
    .getByRole('radio')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  expect(ids.length).toBeGreaterThan(0);
  const f16Models = ids.filter((id) => /f16/.test(id));
  if (adapter!.f16) expect(f16Models.length).toBeGreaterThan(0);
  else expect(f16Models).toEqual([]);
  // WebLLM's Qwen3 records are offered too (low-resource, so on any adapter), as thinking models.
  expect(ids.some((id) => id.startsWith('Qwen3-0.6B-'))).toBe(true);
  await expect(
    catalog.locator('label', { hasText: 'Qwen3 0.6B' }).getByTestId('thinking-off'),
  ).toBeVisible();
  // On a software adapter the stand-in is recommended.
  if (adapter!.fallback)
    await expect(page.getByText('No GPU here can run real models')).toBeVisible();
});

test.describe('a model whose files are missing', () => {
  let server: Server;
  let base = '';
  const requested: string[] = [];

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      requested.push(req.url ?? '');
      res.writeHead(404, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
      res.end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  test.afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('shows a clear "model files unreachable" message and the app stays usable', async ({
    page,
  }) => {
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto('/#/model');
    await expect(page.getByTestId('gpu-report')).toBeVisible();
    await page.getByText('Add a model by address').click();
    await page.getByLabel('Model id').fill('missing-model-q4f32_1-MLC');
    await page.getByLabel('Weights URL').fill(`${base}/missing-model/`);
    await page.getByLabel('Library URL (.wasm)').fill(`${base}/missing-model/lib.wasm`);
    await page.getByRole('button', { name: 'Add model' }).click();
    await expect(page.getByRole('radio', { name: /missing-model-q4f32_1-MLC/ })).toBeChecked({
      timeout: 30_000,
    });
    await page.getByRole('button', { name: 'Load model' }).click();
    const alert = page.getByTestId('model-error');
    await expect(alert).toContainText('ModelFilesUnreachableError', { timeout: 30_000 });
    await expect(alert).toContainText('The model files are unreachable');
    expect(requested.some((url) => url.includes('mlc-chat-config.json'))).toBe(true);
    // Still usable: the stand-in loads and a run can start.
    await page.getByRole('button', { name: 'Use the stand-in model' }).click();
    await expect(page.getByTestId('engine-status')).toContainText('Stand-in model');
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('link', { name: 'Optimize' })
      .click();
    await expect(page.getByRole('button', { name: 'Start run' })).toBeEnabled();
    expect(problems).toEqual([]);
  });
});

test.describe('with the service worker', () => {
  test('WebLLM loaded on the first visit is kept, so the Model screen works offline', async ({
    page,
    context,
  }) => {
    await page.goto('/#/model');
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-status', 'ready', {
      timeout: 30_000,
    });
    const catalog = page.getByTestId('catalog');
    await expect(catalog.getByRole('radio').first()).toBeVisible({ timeout: 30_000 });
    const keptChunks = (): Promise<string[]> =>
      page.evaluate(async () => {
        const names: string[] = [];
        for (const key of await caches.keys())
          for (const request of await (await caches.open(key)).keys()) names.push(request.url);
        return names.filter((url) => /\/webllm-[\w-]+\.js$/.test(url));
      });
    await expect.poll(keptChunks, { timeout: 30_000 }).toHaveLength(1);

    await context.setOffline(true);
    await page.reload();
    // The catalog comes from WebLLM's code, now served from the device.
    await expect(catalog.getByRole('radio').first()).toBeVisible({ timeout: 30_000 });
  });
});

test.describe("WebLLM's code cannot be fetched", () => {
  // No service worker: it would answer from its copy and hide the network's failure.
  test.use({ serviceWorkers: 'block' });

  test('the Model screen says what failed and reads the model list again on request', async ({
    page,
  }) => {
    const hasAdapter = await page.goto('/#/model').then(() =>
      page.evaluate(async () => {
        const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
        return (await gpu?.requestAdapter()) != null;
      }),
    );
    test.skip(!hasAdapter, 'this browser offers no WebGPU adapter');
    await page.route(/webllm-[\w-]+\.js$/, (route) => route.abort('internetdisconnected'));
    await page.reload();
    const alert = page.getByTestId('model-error');
    await expect(alert).toContainText('WebLLMUnreachableError', { timeout: 30_000 });
    await expect(alert).toContainText(/check the connection/i);
    await page.unroute(/webllm-[\w-]+\.js$/);
    await page.getByRole('button', { name: 'Read the model list again' }).click();
    await expect(page.getByTestId('catalog').getByRole('radio').first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(alert).toHaveCount(0);
  });
});
