import type { Example } from '../example';
import type { Program } from '../program';
import type { Rng } from '../rng';
import type { BootstrapSession, BootstrapStats } from './bootstrap';
import { labeledDemoSet, type DemoSet } from './demo-set';

export interface DemoSetCandidate {
  id: string;
  label: string;
  kind: 'empty' | 'labeled' | 'bootstrap' | 'shuffled';
  demos: DemoSet;
}

export interface DemoCandidateSettings {
  count: number;
  maxBootstrappedDemos: number;
  maxLabeledDemos: number;
}

/**
 * DSPy's random-search demo sets, in order: empty, labeled-only, unshuffled bootstrap, then
 * shuffled bootstraps of random size (1..maxBootstrappedDemos). The same rng seed gives the
 * same sets. `order` is the walk order of the unshuffled bootstrap.
 */
export async function buildDemoCandidates(
  boot: BootstrapSession,
  program: Program,
  order: readonly Example[],
  settings: DemoCandidateSettings,
  rng: Rng,
  onProgress?: (stats: BootstrapStats) => void,
): Promise<DemoSetCandidate[]> {
  const out: DemoSetCandidate[] = [];
  const empty: DemoSet = {};
  for (const s of program.steps) empty[s.name] = [];
  if (settings.count >= 1)
    out.push({ id: 'empty', label: 'no demos', kind: 'empty', demos: empty });
  if (settings.count >= 2) {
    const labeled = rng.fork('labeled').sample(order, settings.maxLabeledDemos);
    out.push({
      id: 'labeled',
      label: `${labeled.length} labeled demos`,
      kind: 'labeled',
      demos: labeledDemoSet(program, labeled),
    });
  }
  if (settings.count >= 3) {
    const r = await boot.walk(order, settings.maxBootstrappedDemos, rng.fork('fill-0'), onProgress);
    out.push({
      id: 'bootstrap',
      label: `bootstrap (${r.bootstrappedIds.length} traces)`,
      kind: 'bootstrap',
      demos: r.demos,
    });
  }
  for (let i = 1; out.length < settings.count; i++) {
    const local = rng.fork(`shuffled-${i}`);
    const size =
      settings.maxBootstrappedDemos > 0 ? local.int(1, settings.maxBootstrappedDemos) : 0;
    const r = await boot.walk(local.shuffle(order), size, local.fork('fill'), onProgress);
    out.push({
      id: `shuffled-${i}`,
      label: `shuffled bootstrap #${i} (${r.bootstrappedIds.length} traces)`,
      kind: 'shuffled',
      demos: r.demos,
    });
  }
  return out;
}
