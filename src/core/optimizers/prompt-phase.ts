import { demoSourceIds } from './demo-set';
import { probeFailures } from './failures';
import { proposeInstructions } from './instruction-proposer';
import { proposerExamples } from './proposer-examples';
import { clip, type Insight } from './insight';
import type { PhaseContext, PhaseOutcome } from './phase-context';
import type { CandidateRecord } from './records';
import { phaseRecord, phaseStart, selectForPhase } from './phase-steps';
import { pct, type Candidate } from './selection';
import { phaseRng, requestSeed } from './seeds';

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

  const examples = proposerExamples(
    program,
    task.trainset,
    config.proposerExampleTokens,
    phaseRng(config.seed, index, 'proposer-examples'),
    demoSourceIds(program),
  );

  // Proposals per predictor; candidate i takes proposal i of each predictor (index-aligned).
  const perPredictor: Record<string, string[]> = {};
  let failedProposals = 0;
  for (const step of program.steps) {
    const proposals = await proposeInstructions(
      session,
      {
        datasetSummary: ctx.datasetSummary,
        program,
        predictor: step.name,
        failures: probe.blocks,
        examples,
        varyGrounding: true,
        history: ctx.cycle >= 1 ? (ctx.instructionHistory[step.name] ?? []) : [],
        ...(ctx.insight ? { insight: ctx.insight.text } : {}),
      },
      {
        count: config.instructionCandidates,
        maxInstructionChars: config.maxInstructionChars,
        seed: requestSeed(config.seed, index, `propose:${step.name}`),
        tag: `s${config.seed}p${index}:${step.name}`,
      },
      phaseRng(config.seed, index, `tips:${step.name}`),
    );
    perPredictor[step.name] = proposals.instructions;
    failedProposals += proposals.failed;
  }
  const width = Math.max(...Object.values(perPredictor).map((l) => l.length));
  const candidates: Candidate[] = [];
  for (let i = 0; i < width; i++) {
    let candidate = program;
    const instructions: Record<string, string> = {};
    for (const step of program.steps) {
      const list = perPredictor[step.name] ?? [];
      const text = list[i] ?? step.signature.instruction;
      instructions[step.name] = text;
      candidate = candidate.withInstruction(step.name, text);
    }
    const record: CandidateRecord = {
      id: i === 0 ? 'current' : `instruction-${i}`,
      label: i === 0 ? 'current instruction' : `proposal ${i}`,
      kind: i === 0 ? 'incumbent' : 'instruction',
      instructions,
      minibatchScore: null,
      minibatchExamples: 0,
      fullScore: null,
      dropped: false,
    };
    session.emit({ type: 'candidate-proposed', phase: index, candidate: record });
    candidates.push({ record, program: candidate });
  }

  const outcome = await selectForPhase(ctx, candidates);

  for (const c of candidates) {
    if (c.record.fullScore === null) continue;
    for (const [name, text] of Object.entries(c.record.instructions ?? {})) {
      const list = (ctx.instructionHistory[name] ??= []);
      if (!list.some((h) => h.instruction === text))
        list.push({ instruction: text, score: c.record.fullScore });
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
      ? `A new instruction ("${clip(winner.record.instructions?.[firstStep] ?? '', 100)}") raised validation from ${pct(outcome.before.score)} to ${pct(outcome.incumbent.score)}; the next bootstrap uses it as teacher.`
      : `No proposed instruction beat the current one (best ${pct(outcome.bestCandidateScore)} vs ${pct(outcome.before.score)}).`,
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
    },
  };
}
