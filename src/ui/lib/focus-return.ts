import { tick } from 'svelte';

/**
 * Puts focus back on `control` once the page has updated, if focus fell to the page meanwhile: a
 * control that disables itself while it works (a backup being made, a file being restored)
 * drops a keyboard user's focus to the page, and they would start again from the top. Focus the
 * user moved elsewhere is left where it is.
 */
export async function returnFocusIfDropped(control: HTMLElement): Promise<void> {
  await tick();
  const active = control.ownerDocument.activeElement;
  if ((active === null || active === control.ownerDocument.body) && control.isConnected) {
    control.focus();
  }
}
