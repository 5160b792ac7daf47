/**
 * Reads a prompt back as the app's adapters write it (chat-adapter.ts, prompt-parts.ts): a system
 * message listing the fields with their type tags, then the instruction after "your objective
 * is:"; demos as user/assistant turn pairs of `[[ ## field ## ]]` sections (or a JSON object for
 * the JSON format's answers); the final user turn holding the inputs and the line asking for the
 * outputs; on a retry, the model's earlier answer and a feedback turn after it.
 */
import { parseJsonLoosely } from '../../core/adapters/field-values';
import { readMarkerSections } from '../../core/adapters/markers';
import { isJsonObject, type JsonValue } from '../../core/json';
import type { ChatMessage } from '../../core/lm';
import { bareRecord } from '../../core/reserved-names';

export type BlindFieldKind = 'text' | 'number' | 'label' | 'list' | 'json';

export interface BlindField {
  name: string;
  kind: BlindFieldKind;
  /** The allowed labels, in the listed order (label fields only; otherwise empty). */
  labels: readonly string[];
}

export interface BlindDemo {
  inputs: Readonly<Record<string, string>>;
  outputs: Readonly<Record<string, string>>;
}

export interface BlindPrompt {
  inputs: readonly BlindField[];
  outputs: readonly BlindField[];
  instruction: string;
  demos: readonly BlindDemo[];
  /** The final inputs, by field name. */
  query: Readonly<Record<string, string>>;
  /** True when the conversation goes on after the inputs (an earlier answer and feedback). */
  retry: boolean;
  /** True when the prompt asks for one JSON object (the JSON format). */
  json: boolean;
  /**
   * The messages up to the final inputs, as one text: the key of every choice, so that a retry
   * makes the same choice as the first answer.
   */
  promptText: string;
}

const OUTPUT_REQUEST = '\n\nRespond with';
const NUMBERED_FIELD = /^\s*\d+\.\s+`([^`]+)`\s*\((.*)$/;

export function readPrompt(messages: readonly ChatMessage[]): BlindPrompt {
  const system = messages.find((m) => m.role === 'system')?.content ?? '';
  const declared = readFieldLists(system);
  const inputNames = declared.inputs.map((f) => f.name);
  const at = queryIndex(messages, inputNames);
  const queryTurn = at >= 0 ? (messages[at]?.content ?? '') : '';
  const cut = queryTurn.lastIndexOf(OUTPUT_REQUEST);
  const inputsText = cut >= 0 ? queryTurn.slice(0, cut) : queryTurn;
  const requestLine = cut >= 0 ? queryTurn.slice(cut) : '';
  const outputs =
    declared.outputs.length > 0 ? declared.outputs : fieldsNamedIn(requestLine, inputNames);
  const outputNames = outputs.map((f) => f.name);
  const json =
    /Respond with a JSON object/i.test(requestLine) ||
    /Outputs will be a JSON object/i.test(system);
  return {
    inputs: declared.inputs,
    outputs,
    instruction: readInstruction(system),
    demos: readDemos(messages, at, inputNames, outputNames),
    query: sections(inputsText, inputNames),
    retry: at >= 0 && messages.slice(at + 1).some((m) => m.role === 'user'),
    json,
    promptText: messages
      .slice(0, at + 1)
      .map((m) => `${m.role}\u0000${m.content}`)
      .join('\u0001'),
  };
}

/** The input and output field lists of the system message ("1. `name` (tag): description"). */
function readFieldLists(system: string): { inputs: BlindField[]; outputs: BlindField[] } {
  const inputs: BlindField[] = [];
  const outputs: BlindField[] = [];
  let list: BlindField[] | null = null;
  for (const line of system.split('\n')) {
    if (/^\s*Your input fields are:/i.test(line)) list = inputs;
    else if (/^\s*Your output fields are:/i.test(line)) list = outputs;
    else {
      const m = NUMBERED_FIELD.exec(line);
      if (m && list) list.push(fieldFrom(m[1] ?? '', typeTag(m[2] ?? '')));
      else list = null;
    }
  }
  return { inputs, outputs };
}

/**
 * The type tag out of "tag): description" or "tag)": it ends at the first `)` followed by the
 * end of the line or by `:` (labels may hold brackets; descriptions are ignored anyway).
 */
function typeTag(rest: string): string {
  for (let i = 0; i < rest.length; i++)
    if (rest[i] === ')' && (i === rest.length - 1 || rest[i + 1] === ':')) return rest.slice(0, i);
  return rest;
}

function fieldFrom(name: string, tag: string): BlindField {
  const t = tag.trim();
  const listed = /^one of:\s*(.*)$/i.exec(t);
  if (listed) {
    const body = listed[1] ?? '';
    // Labels are joined with "; " when one of them holds a comma, else with ", ".
    const labels = body
      .split(body.includes(';') ? ';' : ',')
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    return { name, kind: 'label', labels };
  }
  const lower = t.toLowerCase();
  const kind: BlindFieldKind =
    lower === 'number' || lower === 'list' || lower === 'json' ? lower : 'text';
  return { name, kind, labels: [] };
}

/** The instruction: the lines after "your objective is:", DSPy's 8-space indent removed. */
function readInstruction(system: string): string {
  const lines = system.split('\n');
  const at = lines.findIndex((l) => /your objective is:\s*$/i.test(l));
  if (at < 0) return '';
  return lines
    .slice(at + 1)
    .map((l) => l.replace(/^ {1,8}/, ''))
    .join('\n')
    .trim();
}

/**
 * The final inputs' turn: the last user turn holding an input field's section (a feedback turn
 * after it may hold output markers only). With no field list, the last user turn with any
 * section, else the last user turn.
 */
function queryIndex(messages: readonly ChatMessage[], inputNames: readonly string[]): number {
  const users = messages.map((m, i) => [m, i] as const).filter(([m]) => m.role === 'user');
  for (let k = users.length - 1; k >= 0; k--) {
    const [m, i] = users[k] ?? [];
    if (!m || i === undefined) continue;
    const found = Object.keys(sections(m.content, inputNames));
    if (found.length > 0) return i;
  }
  return users[users.length - 1]?.[1] ?? -1;
}

/** Marker sections, keyed by the given names (all sections when no name is known). */
function sections(text: string, names: readonly string[]): Record<string, string> {
  return names.length > 0 ? readMarkerSections(text, names) : readMarkerSections(text);
}

/** Output fields named by the request line when the system message lists none (plain text). */
function fieldsNamedIn(requestLine: string, inputNames: readonly string[]): BlindField[] {
  const names = new Set<string>();
  for (const m of requestLine.matchAll(/\[\[\s*##\s*([A-Za-z_]\w*)\s*##\s*\]\]|`([A-Za-z_]\w*)`/g))
    names.add(m[1] ?? m[2] ?? '');
  return [...names]
    .filter((n) => n !== '' && n.toLowerCase() !== 'completed' && !inputNames.includes(n))
    .map((name) => ({ name, kind: 'text', labels: [] }));
}

/** The user/assistant pairs before the final inputs. */
function readDemos(
  messages: readonly ChatMessage[],
  queryAt: number,
  inputNames: readonly string[],
  outputNames: readonly string[],
): BlindDemo[] {
  const demos: BlindDemo[] = [];
  for (let i = 0; i + 1 < queryAt; i++) {
    const user = messages[i];
    const assistant = messages[i + 1];
    if (user?.role !== 'user' || assistant?.role !== 'assistant') continue;
    demos.push({
      inputs: sections(user.content, inputNames),
      outputs: answerFields(assistant.content, outputNames),
    });
    i++;
  }
  return demos;
}

/** An answer's fields: a JSON object's keys (the JSON format) or marker sections. */
function answerFields(text: string, outputNames: readonly string[]): Record<string, string> {
  if (text.trim().startsWith('{')) {
    const parsed = parseJsonLoosely(text);
    if (isJsonObject(parsed)) {
      // No prototype: a field named like an Object member stays a plain entry.
      const out = bareRecord<string>();
      for (const [k, v] of Object.entries(parsed)) if (v !== null) out[k] = asText(v);
      return out;
    }
  }
  return sections(text, outputNames);
}

function asText(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
