import { expect, test, type Locator, type Page } from '@playwright/test';
import { pressOn } from './press-on';
import { openScreen } from './screens';
import { openWithStandIn, runToFinish } from './storage-helpers';

// What users paste: a very long text, emoji (ZWJ sequences among them), and Arabic or Hebrew
// mixed with English. Wherever the app shows such text (Try it, Data's preview, Results'
// examples, the Program screen) the page does not scroll sideways, right-to-left text is shown
// in its own direction without turning the page around, and nothing of it becomes markup.

const ARABIC = 'مرحبا، طلبي رقم 123 لم يصل بعد order';
const HEBREW = 'שלום, ההחזר לא הגיע refund';
const EMOJI = '👩‍👩‍👧‍👦 family 🏳️‍🌈 flag 👍🏽 thumbs 🧑🏾‍💻 coder';
const MARKUP = '<b data-x="1">bold</b><img src=x onerror="window.hit=1">';
/** 100,000 characters: words, a run with no space at all, and the mixed texts. */
const LONG =
  `${ARABIC} ${EMOJI} ${MARKUP} ` + 'x'.repeat(30_000) + ' ' + 'word '.repeat(13_900) + HEBREW;
const LONG_TEXT = LONG + ' '.repeat(100_000 - LONG.length);
/**
 * A ticket long enough to be folded on Results (past 300 characters), Arabic first, with a
 * skin-toned thumb (two code points, four UTF-16 units) across the 300th character: the cut
 * must leave it out whole, never half of it.
 */
const FOLD_AT = 300;
const BEFORE_THUMB = `${ARABIC} ${'w'.repeat(FOLD_AT - ARABIC.length - 2)}`;
const FOLDED_TICKET = `${BEFORE_THUMB}👍🏽${' and more words'.repeat(30)}`;

/** No sideways scrolling of the page at a phone's width and at a laptop's. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      window: window.innerWidth,
    }));
    expect(widths.page, `${where} at ${width} px`).toBeLessThanOrEqual(widths.window);
  }
}

/** The direction the browser shows an element's text in ('rtl' or 'ltr'). */
function shownDirection(element: Locator): Promise<string> {
  return element.evaluate((el) => (el.matches(':dir(rtl)') ? 'rtl' : 'ltr'));
}

/**
 * Whether the line holding `text` inside `element` is laid out from the right, as a
 * right-to-left paragraph is (the gap on its right smaller than the one on its left).
 */
function lineStartsAtRight(element: Locator, text: string): Promise<boolean> {
  return element.evaluate((el, wanted) => {
    const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = texts.nextNode(); node; node = texts.nextNode()) {
      const at = (node.textContent ?? '').indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const line = range.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return box.right - line.right < line.left - box.left;
    }
    throw new Error(`${wanted} is not in the element`);
  }, text);
}

/** No element made from the text's markup, and no script of it ran. */
async function expectNoMarkup(page: Page): Promise<void> {
  expect(await page.locator('main b[data-x], main img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as { hit?: number }).hit)).toBeUndefined();
}

test('Try it takes a 100,000-character input with emoji and Arabic, and shows it and the reply as text in their direction', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openWithStandIn(page, 'try');
  const box = page.getByRole('textbox', { name: /^ticket/ });
  // Typed right to left, the box shows it so; the page keeps its left-to-right layout.
  await box.fill(ARABIC);
  expect(await shownDirection(box)).toBe('rtl');
  expect(await shownDirection(page.getByRole('main'))).toBe('ltr');
  await box.fill(LONG_TEXT);
  await expect(box).toHaveValue(LONG_TEXT);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('try-answer')).toBeVisible({ timeout: 60_000 });

  // The request holds the whole input, as text, isolated in its own direction.
  const sent = page.getByTestId('try-prompt').first().locator('pre').filter({ hasText: EMOJI });
  await expect(sent).toHaveCount(1);
  expect((await sent.textContent())?.includes(LONG_TEXT.trim())).toBe(true);
  await expect(sent).toHaveAttribute('dir', 'auto');
  await expect(page.getByTestId('try-reply').locator('pre')).toHaveAttribute('dir', 'auto');
  await expect(page.getByTestId('try-answer').locator('dd').first()).toHaveAttribute('dir', 'auto');
  await expectNoMarkup(page);
  await expectNoSidewaysScroll(page, 'Try it with a 100,000-character input');

  // A short Arabic input, alone on its line of the request.
  await box.fill(ARABIC);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const request = page.getByTestId('try-prompt').first().locator('pre').filter({ hasText: ARABIC });
  await expect(request).toHaveCount(1);
  // The request is English first; the Arabic ticket in it is still a right-to-left line (the
  // browser lays out each line of a dir="auto" block in its own direction).
  expect(await shownDirection(request)).toBe('ltr');
  expect(await lineStartsAtRight(request, ARABIC)).toBe(true);
});

/** A CSV of the ticket task's columns whose texts are the hard ones (the rest plain). */
function hardCsv(): string {
  const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const rows = [
    [ARABIC, 'billing'],
    [HEBREW, 'shipping'],
    [EMOJI, 'technical'],
    [MARKUP, 'billing'],
    [LONG_TEXT.trim(), 'shipping'],
  ];
  // Enough of each that the test set, whatever the seeded split, has right-to-left inputs and
  // inputs long enough to be folded.
  const kinds = [
    [ARABIC, 'billing'],
    [HEBREW, 'shipping'],
    [`${EMOJI} plain ticket`, 'technical'],
    [FOLDED_TICKET, 'billing'],
  ] as const;
  for (let round = 0; round < 8; round++)
    for (const [text, label] of kinds) rows.push([`${text} ${round}`, label]);
  return ['ticket,department', ...rows.map((r) => r.map(quote).join(','))].join('\n');
}

test("Data's preview and Results' examples show long, emoji and right-to-left texts wrapped, isolated, and as text", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openWithStandIn(page);
  await page.goto('/#/data');
  const importer = page.getByTestId('data-import');
  await importer.getByLabel('Data file').setInputFiles({
    name: 'hard-texts.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(hardCsv()),
  });
  const preview = importer.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  const arabicCell = preview.getByRole('cell', { name: ARABIC, exact: true });
  await expect(arabicCell).toHaveAttribute('dir', 'auto');
  expect(await shownDirection(arabicCell)).toBe('rtl');
  expect(await shownDirection(preview.getByRole('cell', { name: 'shipping' }).first())).toBe('ltr');
  await expect(preview.getByRole('cell', { name: EMOJI, exact: true })).toHaveCount(1);
  await expectNoMarkup(page);
  await expectNoSidewaysScroll(page, 'Data preview');

  await importer.getByRole('button', { name: 'Import dataset' }).click();
  await expect(importer.getByTestId('import-result')).toContainText('Saved');
  await openScreen(page, 'Optimize');
  const data = page.getByRole('combobox', { name: 'Data', exact: true });
  const value = await data.locator('option', { hasText: 'hard texts' }).getAttribute('value');
  await data.selectOption(value ?? '');
  await expect(page.getByTestId('task-description')).toContainText('hard texts');
  await runToFinish(page, 1);
  await openScreen(page, 'Results');
  await page.getByRole('button', { name: /^Evaluate baseline and optimized/ }).click();
  const table = page.getByTestId('results-table');
  await expect(table).toBeVisible({ timeout: 90_000 });
  // Its rows are built a few per task; the table is busy until they all are.
  await expect(table).toHaveAttribute('aria-busy', 'false');
  await expectNoMarkup(page);
  await expectNoSidewaysScroll(page, 'Results with hard texts');
  // Whatever landed in the test set: each input's value is isolated, in its own direction,
  // after its field's name; a long one is cut ("…") with a button to show it all, and only a
  // long one.
  const values = table.locator('tbody tr td:nth-child(2) bdi');
  await expect(values.first()).toBeVisible();
  let rightToLeft = 0;
  let folded = 0;
  for (const value of await values.all()) {
    const text = ((await value.textContent()) ?? '').trim();
    const rtl = /^[\u0590-\u06ff]/.test(text);
    expect(await shownDirection(value), text.slice(0, 40)).toBe(rtl ? 'rtl' : 'ltr');
    if (rtl) rightToLeft++;
    const toggle = value.locator('xpath=following-sibling::button');
    await expect(toggle).toHaveCount(text.endsWith('…') ? 1 : 0);
    if (text.endsWith('…')) folded++;
  }
  expect(rightToLeft).toBeGreaterThan(0);
  expect(folded).toBeGreaterThan(0);
  await expect(table.locator('tbody tr td:nth-child(2)').first()).toContainText(/^ticket: /);

  // A long ticket is shown up to the fold, cut before the emoji across it (not inside it).
  const cell = table.locator('tbody tr td:nth-child(2)').filter({ hasText: BEFORE_THUMB }).first();
  const ticket = cell.locator('bdi');
  await expect(ticket).toHaveText(`${BEFORE_THUMB}…`);
  expect(await shownDirection(ticket)).toBe('rtl');
  const whole = await ticket.evaluate((el) => el.id);
  const toggle = cell.getByRole('button');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toHaveAttribute('aria-controls', whole);
  // The button gives the value's length in characters (its round number included; the thumb
  // is one character of two code points, counted as two).
  const length = [...`${FOLDED_TICKET} 0`].length.toLocaleString('en');
  await expect(toggle).toHaveText(`Show all (${length} characters)`);
  // From the keyboard: the value opens in place, the button says it folds it again and keeps
  // the focus.
  await pressOn(toggle);
  await expect(toggle).toHaveText('Show less');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(toggle).toBeFocused();
  const shownAll = (await ticket.textContent()) ?? '';
  expect(shownAll.slice(0, -2)).toBe(FOLDED_TICKET);
  expect(shownAll.slice(-2)).toMatch(/^ \d$/);
  expect(await shownDirection(ticket)).toBe('rtl');
  await expectNoSidewaysScroll(page, 'Results with a long ticket shown all');
  await toggle.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toHaveText(/^Show all/);
  await expect(toggle).toBeFocused();
  await expect(ticket).toHaveText(`${BEFORE_THUMB}…`);
  await expectNoMarkup(page);
});

test('the Program screen takes a 100,000-character instruction, and Arabic, Hebrew and emoji text in its boxes, each in its direction', async ({
  page,
}) => {
  await page.goto('/#/program');
  const instruction = page.getByRole('textbox', { name: 'Instruction' });
  await instruction.fill(LONG_TEXT);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('program-saved')).toBeVisible();
  await expectNoSidewaysScroll(page, 'Program with a 100,000-character instruction');

  await instruction.fill(ARABIC);
  expect(await shownDirection(instruction)).toBe('rtl');
  const description = page.getByRole('textbox', { name: 'Description' }).first();
  await description.fill(ARABIC);
  expect(await shownDirection(description)).toBe('rtl');
  // One label a line, each line in its own direction: the Hebrew one from the right.
  const labels = page.getByRole('textbox', { name: /^Labels, one per line/ });
  await labels.fill(`billing\n${HEBREW}\n${EMOJI}\n${MARKUP}`);
  await labels.press('Tab');
  expect(await shownDirection(labels)).toBe('ltr');
  await expect(labels).toHaveValue(`billing\n${HEBREW}\n${EMOJI}\n${MARKUP}`);
  await expectNoMarkup(page);
  await expectNoSidewaysScroll(page, 'Program with right-to-left and emoji text');
});
