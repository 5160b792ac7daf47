import type { JsonObject, JsonValue } from '../json';
import type { PredictorStateData } from '../program';
import { programInputs } from '../program-fields';
import { DSPY_REACT_OUTPUTS } from './dspy-format';
import { withoutSecrets } from './secrets';

/**
 * What a DSPy import cannot carry over as DSPy ran it, in words for the Library: the playground
 * reads a file's prompts, not the Python around them.
 */

/** The tool-picking predictor of a `dspy.ReAct` agent: reads `trajectory`, writes the next tool call. */
export function isReactStep(step: PredictorStateData): boolean {
  const outputs = step.signature.outputs.map((f) => f.name);
  return (
    step.signature.inputs.some((f) => f.name === 'trajectory') &&
    DSPY_REACT_OUTPUTS.every((n) => outputs.includes(n))
  );
}

export function reactWarning(name: string): string {
  return `"${name}" is the tool-picking step of a DSPy ReAct agent. The playground has no tools and no agent loop, so it runs each of the agent's steps once, as plain steps: a run here does not optimize the agent as DSPy runs it. Its instructions and demos are kept and written back on DSPy export under the same names, so the exported file loads into your dspy.ReAct(signature, tools=[...]) (the generated Python builds plain steps instead).`;
}

/**
 * A predictor saved with its own LM (`set_lm`, DSPy 2.6.9+) runs on it in DSPy, and on the
 * global `dspy.configure` model once exported back with `"lm": null`: that change, and a key
 * DSPy up to 3.0.3 saved with it, must not pass unsaid.
 */
export function ownLmWarning(key: string, lm: JsonObject): string {
  const model = typeof lm.model === 'string' ? ` ("${lm.model}")` : '';
  // Any credential in them (DSPy up to 3.0.3 saved `api_key`; an `api_base` may hold a password).
  const secrets = withoutSecrets(lm, `${key}.lm`).dropped;
  const apiKeyNote =
    secrets.length > 0
      ? ` The file also holds that model's credentials (${secrets.map((d) => `${d.what[0]?.toLowerCase() ?? ''}${d.what.slice(1)} in ${d.path}`).join('; ')}); they were not kept.`
      : '';
  return `${key}: the predictor's own LM settings${model} were left out: the playground runs every step on the model chosen here, and a DSPy export writes "lm": null, so in DSPy this step runs on the model set with dspy.configure unless you call set_lm on it again.${apiKeyNote}`;
}

/**
 * DSPy saves no `forward()`: how its steps were called (a retriever's passages as `context`, a
 * loop) is lost, and the playground wires the steps by field name instead.
 */
export function wiringWarning(steps: readonly PredictorStateData[]): string {
  const inputs = programInputs(steps).map((f) => `"${f.name}"`);
  return `A DSPy file does not store how its program called its ${steps.length} steps (its forward()). The playground runs them in file order, each reading the program's inputs and the outputs of the steps before it by field name, so the data must supply ${inputs.join(', ')}. Check the steps on the Program screen before a run.`;
}

/** A predictor whose "signature" is not the `{instructions, fields: [...]}` DSPy writes. */
export function unknownSignatureWarning(key: string): string {
  return `${key}: its "signature" is not in the shape DSPy writes ({"instructions": "…", "fields": [{"prefix", "description"}, …]}), so its fields were read from its demos (its instruction too, when it has an "instructions" text). Check the fields and the instruction on the Program screen before you use it.`;
}

/** A JSON value that should have been text, in words ("a number (42)", "missing"). */
function notTextSaid(value: JsonValue | undefined): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${String(value)})`;
}

/**
 * A hand-made file whose instruction is not text (DSPy always saves a string): the step gets
 * another instruction, which must not pass unsaid. `used` says which one it got.
 */
export function instructionNotTextWarning(
  key: string,
  where: string,
  value: JsonValue | undefined,
  used: string,
): string {
  return `${key}: its instruction (${where} in the file) is ${notTextSaid(value)}, not text, so ${used} was used. Check the instruction on the Program screen, and write the step's own if it had one.`;
}
