import { demoSourceIds, demoTokens } from './demo-set';
import { probeFailures } from './failures';
import { proposeInstructions } from './instruction-proposer';
import { proposerExamples } from './proposer-examples';
import type { ExampleBlock } from './proposer-format';
import { clip, noGainText, type Insight } from './insight';
import type { PhaseContext, PhaseOutcome } from './phase-context';
import type { CandidateRecord, ScoredInstruction } from './records';
import { phaseRecord, phaseStart, selectForPhase } from './phase-steps';
import type { Candidate } from './candidate-pool';
import { beforeScoreWords, pct } from './selection';
import { phaseRng, requestSeed } from './seeds';
import type { Program } from '../program';

/**
 * The prompt phase: probe failures, propose grounded instructions for every predictor (with
 * the current demos), and select with paired minibatches then the full validation set.
 */
export async function runPromptPhase(ctx: PhaseContext): Promise<PhaseOutcome> {
  const { session, task, config, index, incumbent } = ctx;
  const start = phaseStart(ctx);
  const program = incumbent.program;
  const probe = await probeFailures(
    session,
    program,
    task.trainset,
    config.failureProbeSize,
    phaseRng(config.seed, index, 'probe'),
  );

  // Labeled training examples for proposal k of a predictor: the proposer's evidence is its
  // demos and these examples, so examples take the share of the demo budget its demos leave
  // unused (a program with no demos, as in a run that starts with this phase or one whose empty
  // demo set won, would otherwise give its proposer half the evidence a full demo set gives).
  // Each proposal gets its own sample, as MIPRO gives each proposal its own demo set: proposals
  // shown the same examples notice the same cues.
  const examplesFor = (step: string, k: number): ExampleBlock[] =>
    proposerExamples(
      program,
      task.trainset,
      config.proposerExampleTokens + unusedDemoBudget(program, step, config.demoTokenBudget),
      phaseRng(config.seed, index, `proposer-examples:${k}`),
      demoSourceIds(program),
    );

  // Proposals come one candidate at a time during the first minibatch round, each built on
  // the leader so far (the proposal ahead of the current instruction on that minibatch), so a
  // phase can refine a gain instead of restarting from the current instruction every time.
  // A candidate holds one new instruction per predictor.
  const candidates: Candidate[] = [];
  const tried: Record<string, string[]> = {};
  let failedProposals = 0;
  let proposerEvidenceLeftOut = 0;
  const current: Record<string, string> = {};
  for (const step of program.steps) current[step.name] = step.signature.instruction;
  const currentCandidate = instructionCandidate(program, current, 0);
  candidates.push(currentCandidate);
  session.emit({ type: 'candidate-proposed', phase: index, candidate: currentCandidate.record });

  let asked = 0;
  const more = async (leader: Candidate | null): Promise<Candidate | null> => {
    // Requests beyond the count stand in for proposals that could not be used.
    while (asked < config.instructionCandidates) {
      const k = ++asked;
      const base = leader?.program ?? program;
      const instructions: Record<string, string> = {};
      let fresh = false;
      for (const step of program.steps) {
        const earlier = (tried[step.name] ??= []);
        const proposals = await proposeInstructions(
          session,
          {
            datasetSummary: ctx.datasetSummary,
            program: base,
            predictor: step.name,
            failures: probe.blocks,
            examples: examplesFor(step.name, k),
            varyGrounding: true,
            variant: k - 1,
            history: [
              ...(ctx.cycle >= 1 ? (ctx.instructionHistory[step.name] ?? []) : []),
              ...earlier.map((instruction) => ({ instruction, score: null })),
            ],
            ...(ctx.insight ? { insight: ctx.insight.text } : {}),
          },
          {
            count: 1,
            maxInstructionChars: config.maxInstructionChars,
            seed: requestSeed(config.seed, index, `propose:${step.name}:${k}`),
            tag: `s${config.seed}p${index}:${step.name}:${k}`,
          },
          phaseRng(config.seed, index, `tips:${step.name}:${k}`),
        );
        failedProposals += proposals.failed;
        proposerEvidenceLeftOut += proposals.leftOut;
        const text = proposals.instructions[1];
        if (text !== undefined) {
          earlier.push(text);
          fresh = true;
        }
        instructions[step.name] = text ?? base.predictor(step.name).signature.instruction;
      }
      if (!fresh) continue;
      const candidate = instructionCandidate(program, instructions, k);
      session.emit({ type: 'candidate-proposed', phase: index, candidate: candidate.record });
      candidates.push(candidate);
      return candidate;
    }
    return null;
  };

  const outcome = await selectForPhase(ctx, [currentCandidate], more);

  // Every instruction scored is remembered, a minibatch estimate too: a later phase's proposer
  // sees it as tried, and a repeat of it is asked again instead of scored (instruction-proposer).
  for (const c of candidates) {
    const scored = scoredInstruction(c.record);
    if (!scored) continue;
    for (const [name, text] of Object.entries(c.record.instructions ?? {})) {
      const list = (ctx.instructionHistory[name] ??= []);
      if (!list.some((h) => h.instruction === text)) list.push({ ...scored, instruction: text });
    }
  }

  const winner = candidates.find((c) => c.record.id === outcome.winnerId);
  const firstStep = program.steps[0]?.name ?? '';
  const failText =
    probe.probed > 0
      ? `The program failed ${probe.failedIds.length} of ${probe.probed} probed training examples.`
      : '';
  const text = [
    failText,
    outcome.accepted && winner
      ? `A new instruction ("${clip(winner.record.instructions?.[firstStep] ?? '', 100)}") raised validation from ${beforeScoreWords(outcome.before)} to ${pct(outcome.incumbent.score)}${outcome.before.examples ? ` on ${outcome.setWords}` : ''}; the next bootstrap uses it as teacher.`
      : `${noGainText('proposed instruction', outcome)}.`,
  ]
    .filter(Boolean)
    .join(' ');
  const insight: Insight = { phase: index, kind: 'prompt', text, focusIds: probe.failedIds };

  return {
    incumbent: outcome.incumbent,
    before: outcome.before,
    insight,
    record: {
      ...phaseRecord(ctx, 'prompt', candidates, outcome, text, start),
      probedFailures: { failed: probe.failedIds.length, probed: probe.probed },
      failedProposals,
      ...(proposerEvidenceLeftOut > 0 ? { proposerEvidenceLeftOut } : {}),
    },
  };
}

/** The demo token budget a predictor's demos leave unused (all of it when it has none). */
function unusedDemoBudget(program: Program, step: string, budget: number): number {
  const used = program.predictor(step).demos.reduce((n, d) => n + demoTokens(d), 0);
  return Math.max(0, budget - used);
}

/** A candidate's score for the history: its full one, else its minibatch estimate, else none. */
function scoredInstruction(record: CandidateRecord): Omit<ScoredInstruction, 'instruction'> | null {
  if (record.fullScore !== null) return { score: record.fullScore };
  if (record.minibatchScore === null || record.minibatchExamples === 0) return null;
  return { score: record.minibatchScore, examples: record.minibatchExamples };
}

/** Candidate k of a prompt phase: the program with these instructions (0 is the current one). */
function instructionCandidate(
  program: Program,
  instructions: Record<string, string>,
  k: number,
): Candidate {
  let candidate = program;
  for (const [name, text] of Object.entries(instructions))
    candidate = candidate.withInstruction(name, text);
  const record: CandidateRecord = {
    id: k === 0 ? 'current' : `instruction-${k}`,
    label: k === 0 ? 'current instruction' : `proposal ${k}`,
    kind: k === 0 ? 'incumbent' : 'instruction',
    instructions,
    minibatchScore: null,
    minibatchExamples: 0,
    fullScore: null,
    dropped: false,
  };
  return { record, program: candidate };
}
