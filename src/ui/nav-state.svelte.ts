/** The screens of the app, in navigation order. Optimize is where a first visit lands. */
export const SCREENS = [
  { id: 'optimize', label: 'Optimize' },
  { id: 'model', label: 'Model' },
  { id: 'data', label: 'Data' },
  { id: 'program', label: 'Program' },
  { id: 'results', label: 'Results' },
  { id: 'try', label: 'Try it' },
  { id: 'library', label: 'Library' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/**
 * The id of a screen's `h2`. Focus goes there when the screen changes, so a screen reader says
 * which screen the user is on (focus on `<main>` reads nothing, or the whole screen).
 */
export function screenHeadingId(screen: ScreenId): string {
  return `${screen}-heading`;
}

function fromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '');
  return SCREENS.find((s) => s.id === id)?.id ?? 'optimize';
}

/** Which screen is shown; kept in the address (#/results) so reload and back work. */
export class NavState {
  screen = $state<ScreenId>(fromHash(location.hash));

  constructor() {
    window.addEventListener('hashchange', () => (this.screen = fromHash(location.hash)));
  }

  go(screen: ScreenId): void {
    this.screen = screen;
    if (fromHash(location.hash) !== screen) location.hash = `/${screen}`;
  }
}
