/** Style hints given to the proposer, one picked at random per proposal (as in MIPRO). */
export const PROPOSER_TIPS: readonly string[] = [
  'Keep the instruction short and clear.',
  'Be specific: state exactly what the output must look like.',
  'State the rules the examples follow, in general terms.',
  'Explain the mistakes in the failures and how to avoid them.',
  'Give the model a role suited to the task (for example "You are an expert ...").',
  'Be creative: try a different angle on the task than the current instruction.',
  'Make the instruction detailed and informative.',
];
