import { expect, type Locator } from '@playwright/test';

/** Presses Enter on a control reached by keyboard focus, as a keyboard user does. */
export async function pressOn(control: Locator): Promise<void> {
  await control.focus();
  await expect(control).toBeFocused();
  await control.press('Enter');
}
