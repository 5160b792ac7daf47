import type { OptimizerTask } from '../../../../src/core/optimizers/session';
import { PROPOSER_SIGNATURE } from '../../../../src/core/optimizers/proposer-format';
import { ScriptedLM } from '../../helpers/scripted-lm';
import type { CopaConfig } from '../../../../src/core/optimizers/copa-config';
import { SMALL_CONFIG } from './copa-fixture';
import { toyTask } from './session-helpers';
import { examples, reverse, words } from './toy-task';

/**
 * A run whose start program is never scored in full. The start program is right on 10 of the
 * 20 validation examples it is first asked about (the first phase's minibatch) and wrong on the
 * other 30 (25% in all). With demos the program is right on all 20 of those (50% in all):
 * clearly ahead on that minibatch, so the first phase accepts it without scoring the start
 * program in full, whose estimate there is 50% as well. Nothing else helps.
 */
export function easyMinibatchRun(): {
  task: OptimizerTask;
  lm: ScriptedLM;
  config: Partial<CopaConfig>;
} {
  const seen: string[] = [];
  const lm = new ScriptedLM((request) => {
    const system = request.messages[0]?.content ?? '';
    if (system === PROPOSER_SIGNATURE.instruction)
      return `proposed_instruction: Be careful, variant ${request.seed % 997}.`;
    const x = ScriptedLM.lastUser(request).slice(3).trim();
    if (!x.startsWith('v')) return `y: ${x}`;
    if (request.messages.length > 2) return `y: ${seen.includes(x) ? reverse(x) : x}`;
    if (!seen.includes(x) && seen.length < 20) seen.push(x);
    const i = seen.indexOf(x);
    return `y: ${i >= 0 && i < 10 ? reverse(x) : x}`;
  });
  const val = examples([...words('va', 12), ...words('vb', 12), ...words('vc', 16)]);
  const task = toyTask(examples(words('t', 8)), val);
  return { task, lm, config: { ...SMALL_CONFIG, minibatchSize: 20 } };
}
