/**
 * Every fixed number of the blind kNN reader, in one place, each with its reason. They were set
 * once from the behaviours cited below, before the model was ever run against an optimizer, and
 * must not be tuned to any optimizer's result (the model is a referee).
 *
 * Evidence is measured in nats of log-odds: the reader adds the evidence for each allowed label,
 * adds Gumbel noise and answers the largest sum (the Gumbel-max trick, under which a sum of
 * evidence and Gumbel noise of scale T picks a label with softmax(evidence / T) probability).
 * "Decisive" evidence is set to about 4 nats (about 55 : 1 against one alternative).
 */

/** BM25 term-saturation constant: the textbook default (Robertson & Zaragoza 2009). */
export const BM25_K1 = 1.2;

/** BM25 length normalisation: the textbook default (Robertson & Zaragoza 2009). */
export const BM25_B = 0.75;

/**
 * How many nearest demos vote. In-context examples close to the input steer the answer most
 * (Liu et al. 2022, "What Makes Good In-Context Examples for GPT-3?", retrieve k nearest);
 * 4 is a few, not the whole prompt, which a small model does not weigh evenly.
 */
export const KNN_K = 4;

/**
 * Recency weight of a demo, from the earliest (0.6) to the last (1.0) in the prompt, linear.
 * Models use what sits near the end of the context more than what sits in the middle (Liu et
 * al. 2023, "Lost in the Middle"); recency bias of few-shot labels (Zhao et al. 2021,
 * "Calibrate Before Use"). 0.6 keeps early demos useful but clearly weaker.
 */
export const RECENCY_FIRST = 0.6;
export const RECENCY_LAST = 1.0;

/**
 * Evidence of one voting demo at similarity 1 and recency 1: decisive (4 nats). A near-copy of
 * the input shown with its label is the strongest cue a few-shot prompt gives (Liu et al. 2022).
 */
export const DEMO_VOTE_NATS = 4;

/**
 * Evidence when every word of a label's name occurs in the input: 3 nats, a little below
 * decisive. Models lean on label names' meaning (Min et al. 2022, "Rethinking the Role of
 * Demonstrations"), but a shared word is weaker than a stated rule or a near-copy demo.
 */
export const LABEL_NAME_NATS = 3;

/**
 * Option-order bias (Zheng et al. 2023, "Large Language Models Are Not Robust Multiple Choice
 * Selectors"): the first listed label gets 0.3 nats, the second 0.2, the third 0.1. Small
 * against any real evidence, enough to break ties.
 */
export const POSITION_BONUS_NATS = [0.3, 0.2, 0.1] as const;

/** Evidence of a stated rule whose cue is in the input: decisive (4 nats), as the text says so. */
export const RULE_NATS = 4;

/**
 * A quoted cue word fully triggers its rule; an unquoted content word half (two of them
 * together fully). Quotes mark the words the writer meant as the cue.
 */
export const QUOTED_CUE_WEIGHT = 1;
export const PLAIN_CUE_WEIGHT = 0.5;

/**
 * At most 8 cue words per rule sentence, quoted ones first: about the content words of a
 * 15-20 word sentence, so a normal rule is read whole and a rambling one only in part.
 */
export const MAX_CUES_PER_RULE = 8;

/**
 * Instruction sentences are read for their first 40 words only: small models follow long
 * instructions poorly (Zhou et al. 2023, IFEval; Levy et al. 2024, "Same Task, More Tokens").
 */
export const MAX_SENTENCE_WORDS = 40;

/**
 * Rules and priors weaken as the label list grows: evidence is multiplied by
 * 1 / (1 + 0.1 ln(n / 2)), 1 for two labels, about 0.7 for 150. Many-label in-context
 * classification is much harder for LMs (Li et al. 2024, "Long-context LLMs Struggle with Long
 * In-context Learning"); the Gumbel maximum over more labels already grows as ln(n), this adds
 * the model's weaker hold on each label. 0.1 keeps the effect mild on top of that.
 */
export const LABEL_COUNT_DILUTION = 0.1;

/**
 * The model's own quirk: Gumbel noise of scale 0.5 keyed on the prompt alone, so greedy
 * decoding (temperature 0) is deterministic yet still errs in prompt-specific ways (LMs are
 * sensitive to irrelevant prompt changes: Sclar et al. 2024, "Quantifying Language Models'
 * Sensitivity to Spurious Features in Prompt Design"). 0.5 flips a decisive choice only rarely.
 */
export const QUIRK_NOISE_SCALE = 0.5;

/**
 * Sampling noise: Gumbel noise of scale equal to the temperature, keyed also on the request
 * seed: exactly sampling from softmax(evidence / T) by the Gumbel-max trick.
 */
export const SAMPLING_NOISE_PER_TEMPERATURE = 1;

/**
 * Format slips of a small model (the label in a sentence or in another case): 8% of answers,
 * 2% when the instruction asks for the label or answer only (format instructions help but do
 * not make small models perfect: Tam et al. 2024, "Let Me Speak Freely?"), none on a retry
 * after feedback (the feedback names the format).
 */
export const SLIP_RATE = 0.08;
export const SLIP_RATE_WHEN_TOLD = 0.02;

/**
 * Similarity (share of the input's IDF mass a demo matches) above which the reader copies a
 * demo's number or text answer: 0.8, a near-duplicate. Copying from near-identical context is
 * the induction-head behaviour (Olsson et al. 2022); below that the answer is not copied.
 */
export const COPY_SIMILARITY = 0.8;

/** Proposals: at most 6 rule sentences, the size of a short instruction paragraph. */
export const MAX_PROPOSED_RULES = 6;

/** Proposals: 2 cue words per rule ("mentions A or B"), as people write such rules. */
export const WORDS_PER_PROPOSED_RULE = 2;

/** Proposals: a word must occur in at least 2 examples of its label to be a cue. */
export const MIN_WORD_COUNT = 2;

/** Proposals: additive smoothing of the log-odds (0.5, the Haldane-Anscombe correction). */
export const LOG_ODDS_SMOOTHING = 0.5;

/** Proposals: a fifth of proposals only rephrase the base sentence ("sometimes"). */
export const REPHRASE_ONLY_RATE = 0.2;

/** Proposals: a fifth of rules lead with the second-best word ("sometimes"). */
export const SECOND_WORD_RATE = 0.2;
