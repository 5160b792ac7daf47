/**
 * Where a problem of an edited program is shown, besides the list by Save: next to the field,
 * step name, rule or metric that is wrong, so a user who sees a refused edit finds what to fix
 * without scrolling a long pipeline (at 375 px the list is thousands of pixels below).
 */
export type Side = 'inputs' | 'outputs';

/** A problem in words, and the place it belongs to (null: the program as a whole). */
export interface ProgramProblem {
  readonly text: string;
  readonly place: string | null;
}

/** The place of one field of a step. */
export const fieldPlace = (step: number, side: Side, index: number): string =>
  `step-${step}-${side}-${index}`;
/** The place of a step's inputs or outputs as a whole (e.g. none at all). */
export const sidePlace = (step: number, side: Side): string => `step-${step}-${side}`;
/** The place of a step's name. */
export const stepPlace = (step: number): string => `step-${step}`;
/** The place of a rule on outputs (by its position in the list). */
export const rulePlace = (index: number): string => `rule-${index}`;
/** The place of the metric and the field it scores. */
export const METRIC_PLACE = 'metric';

/** The problems of each place. */
export function problemsByPlace(problems: readonly ProgramProblem[]): Map<string, string[]> {
  const byPlace = new Map<string, string[]>();
  for (const p of problems)
    if (p.place !== null) byPlace.set(p.place, [...(byPlace.get(p.place) ?? []), p.text]);
  return byPlace;
}

/** The id of the note that explains a place's problems (for aria-describedby). */
export const problemNoteId = (place: string): string => `problem-${place}`;
