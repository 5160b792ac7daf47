import { describe, expect, it } from 'vitest';
import { runReportFile, runReportMarkdown } from '../../../src/ui/lib/run-report-markdown';
import { DEFAULT_COPA_CONFIG } from '../../../src/core/optimizers/copa-config';
import type { PhaseRecord } from '../../../src/core/optimizers/records';
import { costs, phase, report } from './run-report-fixture';

describe('runReportMarkdown', () => {
  it('tells the setup, each phase with its candidates and decision, and the final program', () => {
    const md = runReportMarkdown(report());
    expect(md).toContain('# COPA run: Support ticket routing');
    expect(md).toContain('stand-in results');
    expect(md).toContain('seed 3');
    expect(md).toContain('budget 900 calls');
    expect(md).toContain('40.0% at the start, 55.0% at the end\n');
    expect(runReportMarkdown(report({ selection: { examples: 100, of: 200 } }))).toContain(
      '55.0% at the end, on 100 of the 200 validation examples, a fixed sample',
    );
    expect(md).not.toContain('fingerprint');
    expect(md).not.toContain('App build');
    expect(runReportMarkdown(report({ appBuild: '0.1.0+82f7c20' }))).toContain(
      '- **App build:** 0.1.0+82f7c20\n',
    );
    const data = {
      trainExamples: 60,
      validationExamples: 60,
      testExamples: 100,
      fingerprint: `sha256:${'0f'.repeat(32)}`,
    };
    expect(runReportMarkdown(report({ data }))).toContain(
      `- **Data fingerprint:** \`sha256:${'0f'.repeat(32)}\` over 60 training, 60 validation and 100 test examples`,
    );
    expect(md).toContain('no candidate replaced the current program');
    expect(md).toContain('## Phase 2 · cycle 1 · Prompt (instruction) — improved');
    expect(md).toMatch(/\| proposal \\\| 1 \| 60\.0% \| 55\.0% \| \*\*accepted\*\* \|/);
    expect(md).toContain('| proposal 2 | 20.0% | — | clearly behind the current program');
    // Cached answers are not among the model calls (usage.ts): "40 model calls, 5 from the
    // cache" read as 5 of the 40, where the run's cost line says "5 more".
    expect(md).toContain('Cost: 40 model calls (planned 50), 5 more from the cache, 1,100 tokens');
    expect(md).toContain(
      '- **Cost:** 40 model calls (5 more answered from the cache), 1,100 tokens',
    );
    expect(md).toContain('### Step “route”');
    expect(md).toContain('> Route the ticket.\n> Answer with the department only.');
    expect(md).toContain('Demos (2):');
    expect(md).toMatch(/- ticket: Broken parcel → department: returns \(labeled\)/);
  });

  it('writes dataset text and model output as text, never as markup', () => {
    const md = runReportMarkdown(report());
    // Every angle bracket is escaped, so no renderer turns it into a tag.
    expect(md).not.toMatch(/(^|[^\\])</m);
    expect(md).toContain('\\<img src=x onerror=alert(1)\\> bill \\| is \\*wrong\\*');
    expect(md).toContain('\\<b\\>billing\\</b\\>');
    expect(md).toContain('The rule about \\*refunds\\* helped.');
  });

  it('names the metric as the Program screen lists it', () => {
    expect(runReportMarkdown(report({ metricId: 'label_match' }))).toContain(
      '- **Metric:** Label match',
    );
    expect(runReportMarkdown(report())).not.toContain('**Metric:**');
  });

  it('says when a phase was sized to fit the budget left', () => {
    const fitted: PhaseRecord = {
      ...phase(0, true),
      fit: { limit: 'time', changes: [{ setting: 'demoCandidates', from: 6, to: 3 }] },
    };
    const md = runReportMarkdown(report({ phases: [fitted] }));
    expect(md).toContain('Sized to fit the time left in the budget: 3 demo sets instead of 6.');
    expect(runReportMarkdown(report({ phases: [phase(0, true)] }))).not.toContain('Sized to fit');
  });

  it('says on how many examples the start score rests, or that there is none yet', () => {
    // It said "40.0% at the start" of a start program scored on a 25-example minibatch only,
    // and "0.0% at the start, 0.0% at the end" of a run that stopped before any phase scored.
    expect(runReportMarkdown(report())).toContain('**Validation score:** 40.0% at the start, ');
    expect(runReportMarkdown(report({ baselineExamples: 25 }))).toContain(
      '40.0% at the start (on 25 validation examples: a candidate was clearly ahead of it there, so it was not scored in full)',
    );
    // A run that changed nothing keeps its start program, with its estimate only.
    expect(
      runReportMarkdown(report({ baselineExamples: 25, bestExamples: 25, bestScore: 0.4 })),
    ).toContain(
      '40.0% at the start (on 25 validation examples: no candidate beat it there, so it was not scored in full), and the starting program at the end',
    );
    const none = runReportMarkdown(report({ baselineExamples: 0, baselineScore: 0, bestScore: 0 }));
    expect(none).toContain('**Validation score:** none yet: the run stopped before a phase scored');
    expect(none).not.toContain('0.0% at the start');
    // A run stopped inside its first phase after a finalist was proved better returns it: the
    // report said "none yet" beside Optimize's "best 96.0%".
    const kept = runReportMarkdown(
      report({ baselineExamples: 0, baselineScore: 0, bestScore: 0.96 }),
    );
    expect(kept).toContain(
      '**Validation score:** not scored at the start (the run stopped before a phase had scored the starting program), 96.0% at the end',
    );
  });

  it('says where the calls of a phase the budget cut short went', () => {
    // The cost said 150 calls and the phases listed 84 between them, with nothing said of the
    // rest: the phase the budget stopped is not recorded.
    const cut = runReportMarkdown(
      report({
        stopReason: 'budget',
        phases: [phase(0, true)],
        totals: { ...costs, calls: 150 },
      }),
    );
    expect(cut).toContain(
      '## Phase 2 · cycle 1 — stopped before it finished\n\n110 model calls of the cost above are in no phase listed here',
    );
    expect(cut.indexOf('## Phase 2')).toBeLessThan(cut.indexOf('## The program it ended with'));
    // A run that finished its phases has none.
    expect(runReportMarkdown(report())).not.toContain('stopped before it finished');
  });

  it('says when a run has not ended, has no budget or kept its program', () => {
    const md = runReportMarkdown(
      report({
        stopReason: null,
        status: 'paused',
        settings: { ...DEFAULT_COPA_CONFIG, budget: {} },
        phases: [phase(0, false)],
      }),
    );
    expect(md).toContain('it has not ended; it can be resumed');
    expect(md).not.toContain('budget');
    expect(md).toContain('Compilation (demos) — kept the current program');
    expect(md).not.toContain('New instruction');
  });

  it('writes hostile step names and demo keys as text: no image, link or code span escapes', () => {
    const base = report();
    const step = base.program.steps[0]!;
    const md = runReportMarkdown(
      report({
        program: {
          ...base.program,
          steps: [
            {
              ...step,
              name: 'x` ![a](http://host/s.png) `',
              demos: [
                {
                  data: { '![x](http://host/p.png)': 'www.host.example', department: 'billing' },
                  augmented: false,
                },
              ],
            },
          ],
        },
      }),
    );
    expect(md).not.toMatch(/(^|[^\\])!\[/m);
    expect(md).not.toMatch(/(^|[^\\])`/m);
    expect(md).not.toContain('http://');
    expect(md).not.toMatch(/www\./);
    expect(md).toContain(
      '\\!\\[x\\](http\\://host/p.png): www\\.host.example → department: billing',
    );
  });
});

describe('runReportFile', () => {
  it("is named after the run's task and its start, as the other exports are", () => {
    expect(runReportFile(report({ name: 'clinc150' }), 'markdown').fileName).toBe(
      'copa-run-clinc150-2026-11-29T10-00.md',
    );
    expect(runReportFile(report(), 'json').fileName).toBe(
      'copa-run-support-ticket-routing-2026-11-29T10-00.json',
    );
  });
});
