import type { Example } from '../example';
import type { Program } from '../program';
import type { Rng } from '../rng';
import type { BootstrapSession, BootstrapStats } from './bootstrap';
import { fitDemoBudget, labeledDemo, labeledDemoSet, type DemoSet } from './demo-set';
import { coverageSample, interleaveByLabel, type LabelKey } from './label-coverage';

export interface DemoSetCandidate {
  id: string;
  label: string;
  kind: 'empty' | 'labeled' | 'bootstrap' | 'shuffled' | 'extended';
  demos: DemoSet;
}

export interface DemoCandidateSettings {
  count: number;
  maxBootstrappedDemos: number;
  maxLabeledDemos: number;
  /** Spread labeled demos over the labels (see label-coverage.ts). */
  labelKey?: LabelKey;
  demoTokenBudget?: number;
  /**
   * The incumbent's demos and training examples it still fails: adds an "extended" candidate
   * that keeps the demos and adds labeled ones for those examples, so a later compilation phase
   * can build on what won before instead of only replacing it.
   */
  extend?: { current: DemoSet; failing: readonly Example[] };
}

/**
 * DSPy's random-search demo sets, in order: empty, labeled-only, unshuffled bootstrap, then
 * shuffled bootstraps of random size (1..maxBootstrappedDemos). When there is something to
 * extend (a later compilation phase), the incumbent's demos extended come first, then the
 * bootstrap with the current instruction, labeled-only, empty and shuffled bootstraps: a phase
 * shrunk to fit a budget keeps the candidates that build on what won before. The same rng seed
 * gives the same sets. `order` is the walk order of the unshuffled bootstrap.
 */
export async function buildDemoCandidates(
  boot: BootstrapSession,
  program: Program,
  order: readonly Example[],
  settings: DemoCandidateSettings,
  rng: Rng,
  onProgress?: (stats: BootstrapStats) => void,
): Promise<DemoSetCandidate[]> {
  const extended = extendedDemos(program, order, settings);
  const plan: DemoSetCandidate['kind'][] = extended
    ? ['extended', 'bootstrap', 'labeled', 'empty']
    : ['empty', 'labeled', 'bootstrap'];
  const wanted = plan.slice(0, settings.count);
  const out: DemoSetCandidate[] = [];
  for (const kind of wanted) {
    if (kind === 'extended' && extended)
      out.push({
        id: 'extended',
        // A run that began with a prompt phase has no demos yet to extend.
        label: extendedLabel(extended),
        kind,
        demos: extended.demos,
      });
    else if (kind === 'empty') {
      const empty: DemoSet = {};
      for (const s of program.steps) empty[s.name] = [];
      out.push({ id: 'empty', label: 'no demos', kind, demos: empty });
    } else if (kind === 'labeled') {
      const local = rng.fork('labeled');
      const labeled = settings.labelKey
        ? coverageSample(order, settings.maxLabeledDemos, local, settings.labelKey)
        : local.sample(order, settings.maxLabeledDemos);
      const demos = fitEach(labeledDemoSet(program, labeled), settings.demoTokenBudget);
      out.push({ id: 'labeled', label: `${countOf(demos)} labeled demos`, kind, demos });
    } else if (kind === 'bootstrap') {
      const r = await boot.walk(
        order,
        settings.maxBootstrappedDemos,
        rng.fork('fill-0'),
        onProgress,
      );
      out.push({
        id: 'bootstrap',
        label: `bootstrap (${traces(r.bootstrappedIds.length)})`,
        kind,
        demos: r.demos,
      });
    }
  }
  for (let i = 1; out.length < settings.count; i++) {
    const local = rng.fork(`shuffled-${i}`);
    const size =
      settings.maxBootstrappedDemos > 0 ? local.int(1, settings.maxBootstrappedDemos) : 0;
    const r = await boot.walk(local.shuffle(order), size, local.fork('fill'), onProgress);
    out.push({
      id: `shuffled-${i}`,
      label: `shuffled bootstrap #${i} (${traces(r.bootstrappedIds.length)})`,
      kind: 'shuffled',
      demos: r.demos,
    });
  }
  return out;
}

/**
 * The incumbent's demos plus labeled demos of failing training examples (labels the demos do
 * not show first), then one labeled demo for each label the set would still not show, up to
 * maxLabeledDemos + maxBootstrappedDemos in all and the token budget. Without the last, a set
 * built from failures alone (a run that began with a prompt phase has no demos to keep) shows
 * only the labels the program misses: a model led by its demos' labels then stops giving the
 * ones it got right. Null when nothing would be added.
 */
function extendedDemos(
  program: Program,
  order: readonly Example[],
  settings: DemoCandidateSettings,
): ExtendedDemos | null {
  const extend = settings.extend;
  if (!extend || extend.failing.length === 0) return null;
  const cap = settings.maxLabeledDemos + settings.maxBootstrappedDemos;
  const keyOf = settings.labelKey;
  let added = 0;
  let kept = 0;
  let covering = 0;
  const demos: DemoSet = {};
  for (const step of program.steps) {
    const current = extend.current[step.name] ?? [];
    const shown = new Set(current.map((d) => d.sourceId));
    const shownKeys = new Set(
      keyOf ? current.map((d) => keyOf({ id: d.sourceId ?? '', data: d.data })) : [],
    );
    const fresh = extend.failing.filter((e) => !shown.has(e.id));
    const spread = keyOf ? interleaveByLabel(fresh, keyOf) : [...fresh];
    const isNew = (e: Example): boolean => !shownKeys.has(keyOf?.(e) ?? null);
    // One failing example per label not shown yet, then one demo for each label still not
    // shown, then the other failing examples: a cap keeps as many labels as it can.
    const seen = new Set<string | null>();
    const firsts = spread.filter((e) => {
      const key = keyOf?.(e) ?? null;
      const first = isNew(e) && (key === null || !seen.has(key));
      seen.add(key);
      return first;
    });
    const cover = keyOf ? uncovered(order, keyOf, shown, shownKeys, firsts) : [];
    const ranked = [...firsts, ...cover, ...spread.filter((e) => !firsts.includes(e))];
    const extra = ranked
      .map((e) => labeledDemo(step, e))
      .filter((d): d is NonNullable<typeof d> => d !== null)
      .slice(0, Math.max(0, cap - current.length));
    const list = fitDemoBudget([...current, ...extra], settings.demoTokenBudget);
    const coverIds = new Set(cover.map((e) => e.id));
    added += Math.max(0, list.length - current.length);
    covering += list.filter((d) => d.sourceId !== undefined && coverIds.has(d.sourceId)).length;
    kept += current.length;
    demos[step.name] = list;
  }
  return added > 0 ? { demos, added, kept, covering } : null;
}

/** The extended set's demos: what it kept, and what it added for which reason. */
interface ExtendedDemos {
  demos: DemoSet;
  /** Demos added (for failing examples and for labels not shown). */
  added: number;
  /** The incumbent's demos kept. */
  kept: number;
  /** Of the added, demos for labels neither the kept demos nor the failing examples show. */
  covering: number;
}

/** E.g. "current demos + 3 for failing examples + 2 for labels not shown". */
function extendedLabel({ added, kept, covering }: ExtendedDemos): string {
  const failing = added - covering;
  const parts = [
    // A run that began with a prompt phase has no demos yet to extend.
    ...(kept > 0 ? ['current demos'] : []),
    ...(failing > 0 ? [`${failing} for failing examples`] : []),
    ...(covering > 0 ? [`${covering} for labels not shown`] : []),
  ];
  // Without kept demos the first count says what it counts: "6 demos for failing examples".
  if (kept === 0 && parts[0]) parts[0] = parts[0].replace(/^(\d+) /, '$1 demos ');
  return parts.join(' + ');
}

/**
 * One training example (the first in `order`) of each label that neither the kept demos nor
 * the failing examples being added show.
 */
function uncovered(
  order: readonly Example[],
  keyOf: LabelKey,
  shown: ReadonlySet<string | undefined>,
  shownKeys: ReadonlySet<string | null>,
  adding: readonly Example[],
): Example[] {
  const covered = new Set<string | null>([...shownKeys, ...adding.map((e) => keyOf(e))]);
  const out: Example[] = [];
  for (const e of order) {
    const key = keyOf(e);
    if (key === null || covered.has(key) || shown.has(e.id)) continue;
    covered.add(key);
    out.push(e);
  }
  return out;
}

function fitEach(demos: DemoSet, budget: number | undefined): DemoSet {
  const out: DemoSet = {};
  for (const [name, list] of Object.entries(demos)) out[name] = fitDemoBudget(list, budget);
  return out;
}

function countOf(demos: DemoSet): number {
  return Math.max(0, ...Object.values(demos).map((l) => l.length));
}

function traces(n: number): string {
  return `${n} trace${n === 1 ? '' : 's'}`;
}
