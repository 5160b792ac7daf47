/**
 * Keeps keyboard focus in a group of buttons that disable themselves: pressing Start disables
 * Start, and the browser drops focus to the page, so a keyboard or screen-reader user loses
 * their place. Call `settle` after each change of the group's state; when focus was in the
 * group and fell out because its button was disabled, it moves to the button `pick` names.
 */
export class FocusKeeper {
  /** Focus (or the last press) was in the group, and nothing outside it took focus since. */
  private inside = false;
  private readonly onFocusIn = (e: FocusEvent): void => {
    this.inside = e.target instanceof Node && this.group.contains(e.target);
  };
  private readonly onPointerDown = (e: PointerEvent): void => {
    this.inside = e.target instanceof Node && this.group.contains(e.target);
  };

  constructor(private readonly group: HTMLElement) {
    const doc = group.ownerDocument;
    doc.addEventListener('focusin', this.onFocusIn);
    doc.addEventListener('pointerdown', this.onPointerDown);
  }

  /** Moves focus to `target` when the group had focus and lost it to a disabled button. */
  settle(target: HTMLButtonElement | null | undefined): void {
    if (!this.inside || !target || target.disabled) return;
    const active = this.group.ownerDocument.activeElement;
    const dropped =
      active === null ||
      active === this.group.ownerDocument.body ||
      (active instanceof HTMLButtonElement && active.disabled && this.group.contains(active));
    if (dropped) target.focus();
  }

  destroy(): void {
    const doc = this.group.ownerDocument;
    doc.removeEventListener('focusin', this.onFocusIn);
    doc.removeEventListener('pointerdown', this.onPointerDown);
  }
}
