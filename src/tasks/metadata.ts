/** Metadata of the built-in tasks, without their data: cheap for the UI to import. */
import { DATE_NORMALIZATION_META } from './date-normalization';
import type { TaskMetadata } from './task';
import { TICKET_ROUTING_META } from './ticket-routing';
import { WORD_PROBLEMS_META } from './word-problems';

export const BUILT_IN_TASK_METADATA: readonly TaskMetadata[] = [
  TICKET_ROUTING_META,
  DATE_NORMALIZATION_META,
  WORD_PROBLEMS_META,
];
