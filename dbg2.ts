import { chatAdapter } from './src/core/adapters/chat-adapter';
import { runCopa } from './src/core/optimizers';
import { SIMULATED_MODELS } from './src/engines/standin/simulated-models';
import { loadClinc150 } from './scripts/bench/clinc150';
import { loadTrec } from './scripts/bench/shared-datasets';
const task = process.argv[2] === 'trec' ? loadTrec() : loadClinc150();
const seed = Number(process.argv[3] ?? 2);
const maxCalls = Number(process.argv[4] ?? 923);
const model = SIMULATED_MODELS.find((m) => m.id === (process.env.MODEL ?? 'blind-reader-v1'))!;
const res = await runCopa({ program: task.program, trainset: task.splits.train, valset: task.splits.val, metric: task.metric, constraints: [] }, {
  lm: model.create(seed), adapter: chatAdapter, config: { seed, ...(maxCalls > 0 ? { budget: { maxCalls } } : {}) },
  onEvent: (e: any) => {
    if (e.type === 'phase-started') console.log('START', e.index, e.kind, JSON.stringify(e.fit ?? ''));
    if (e.type === 'phase-finished') {
      const r = e.record;
      console.log('PHASE', r.index, r.kind, 'accepted', r.accepted, 'decision:', (r.decision ?? '').slice(0, 300));
      for (const c of r.candidates) console.log('   ', c.label.slice(0, 40), 'mb', c.minibatchScore?.toFixed?.(2), c.minibatchExamples, 'full', c.fullScore?.toFixed?.(3), c.dropped ? 'dropped' : '');
      console.log('   calls so far', r.totals?.calls ?? r.cost?.calls);
    }
    if (e.type === 'run-finished') console.log('END', e.reason, e.bestScore, e.totals.calls);
  },
} as any);
