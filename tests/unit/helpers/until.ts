/**
 * Resolves once `condition` holds, checking again after each short turn of the event loop;
 * fails naming what it waited for when it never does. For states a test cannot await directly.
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  turns = 2000,
): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error(`Gave up waiting for ${what}.`);
}
