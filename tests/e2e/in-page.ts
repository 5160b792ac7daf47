import type { Page } from '@playwright/test';

/** What a step does in the page: click a button or link, choose an option, or type a value. */
export type PageAction =
  | { click: string; name: string | RegExp }
  | { choose: string; option: string }
  | { type: string; value: string };

/** When a step is over: an element matching `selector` whose text contains `text` (if given). */
export interface PageCondition {
  selector: string;
  text?: string;
  /** An attribute the element must have, with this value. */
  attribute?: [string, string];
}

/**
 * Acts and then waits for a condition, all inside the page, in one call from the test.
 *
 * Playwright's own actions and `expect` polls run on the page's main thread (hit tests, layout
 * reads, its injected script), 30-170 ms tasks of the test driver's. A test that measures the
 * app's main-thread tasks acts through this instead, so what it records is the app's.
 */
export async function actInPage(
  page: Page,
  action: PageAction | null,
  until: PageCondition,
  timeoutMs = 30_000,
): Promise<void> {
  const name =
    action && 'click' in action
      ? {
          source: action.name instanceof RegExp ? action.name.source : null,
          text: typeof action.name === 'string' ? action.name : null,
        }
      : null;
  await page.evaluate(
    ({ action, name, until, timeoutMs }) =>
      new Promise<void>((resolve, reject) => {
        const met = (): boolean =>
          [...document.querySelectorAll(until.selector)].some(
            (el) =>
              (until.text === undefined || (el.textContent ?? '').includes(until.text)) &&
              (until.attribute === undefined ||
                el.getAttribute(until.attribute[0]) === until.attribute[1]),
          );
        const finish = (): void => {
          watch.disconnect();
          clearTimeout(timer);
          resolve();
        };
        const watch = new MutationObserver(() => {
          if (met()) finish();
        });
        const timer = setTimeout(() => {
          watch.disconnect();
          reject(new Error(`not seen within ${timeoutMs} ms: ${JSON.stringify(until)}`));
        }, timeoutMs);
        watch.observe(document.body, {
          childList: true,
          subtree: true,
          characterData: true,
          attributes: true,
        });
        if (action && 'click' in action && name) {
          const target = [...document.querySelectorAll<HTMLElement>(action.click)].find((el) => {
            const label = (el.textContent ?? '').trim();
            return name.text !== null
              ? label === name.text
              : new RegExp(name.source ?? '').test(label);
          });
          if (!target)
            throw new Error(`nothing to click: ${action.click} named ${JSON.stringify(name)}`);
          target.click();
        } else if (action && 'choose' in action) {
          const select = document.querySelector<HTMLSelectElement>(action.choose);
          const option = [...(select?.options ?? [])].find((o) => o.text.includes(action.option));
          if (!select || !option)
            throw new Error(`no option "${action.option}" in ${action.choose}`);
          select.value = option.value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
        } else if (action && 'type' in action) {
          const input = document.querySelector<HTMLInputElement>(action.type);
          if (!input) throw new Error(`no input ${action.type}`);
          input.value = action.value;
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
        if (met()) finish();
      }),
    { action, name, until, timeoutMs },
  );
}
