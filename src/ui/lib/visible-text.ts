/** Bidirectional formatting characters: embeddings, overrides and isolates. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Data text with its bidirectional control characters shown as marks (⟦U+202E⟧) instead of
 * applied: an override in an imported cell would otherwise make it, and what follows it, read
 * backwards. The marks say what is in the data; the data itself is unchanged.
 */
export function visibleText(text: string): string {
  return text.replace(
    BIDI_CONTROLS,
    (c) => `⟦U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`,
  );
}
