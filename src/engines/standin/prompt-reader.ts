import type { ChatMessage, LMRequest } from '../../core/lm';

/** What a simulated model understood about one output or input field from the system message. */
export interface ReadField {
  name: string;
  kind: 'text' | 'number' | 'label' | 'list' | 'json';
  labels: string[];
  description: string;
}

/** One demonstration: field values as the prompt shows them (always strings). */
export interface ReadDemo {
  inputs: Record<string, string>;
  outputs: Record<string, string>;
}

/** Everything a simulated model reads from a request. Nothing else reaches its answers. */
export interface ReadPrompt {
  format: 'chat' | 'json';
  instruction: string;
  inputFields: ReadField[];
  outputFields: ReadField[];
  demos: ReadDemo[];
  /** The inputs of the final user turn. */
  inputs: Record<string, string>;
  /** The text of a "Your answer broke a rule" follow-up turn, when this is a retry. */
  feedback: string | null;
  /** The model's own previous answer, when this is a retry. */
  previousAnswer: string | null;
  /** The length of the whole prompt (all messages), in characters. */
  promptChars: number;
}

const MARKER = /\[\[\s*##\s*([A-Za-z_][A-Za-z0-9_]*)\s*##\s*\]\]/g;
const FIELD_LINE = /^\d+\.\s+`([A-Za-z_][A-Za-z0-9_]*)`\s+\((.*?)\)(?::\s*(.*))?$/;
const HAS_MARKER = /\[\[\s*##/;
const FEEDBACK_START = /^\s*Your answer broke a rule/i;

/**
 * Reads a request as the app's adapters write it (src/core/adapters/: the chat adapter's
 * `[[ ## field ## ]]` sections, or the JSON adapter's objects): the system message's field list
 * and instruction, the demo turns, the final inputs and a constraint-feedback turn, if any.
 */
export function readPrompt(request: LMRequest): ReadPrompt {
  const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
  const { inputFields, outputFields } = readFieldLists(system);
  const turns = request.messages.filter((m) => m.role !== 'system');
  const last = turns[turns.length - 1];
  let feedback: string | null = null;
  let previousAnswer: string | null = null;
  let queryIndex = turns.length - 1;
  if (last && last.role === 'user' && FEEDBACK_START.test(last.content)) {
    feedback = last.content;
    // The retry is [..., query, assistant answer, feedback]; find the query before them.
    let i = turns.length - 2;
    if (turns[i]?.role === 'assistant') previousAnswer = turns[i]?.content ?? null;
    while (i >= 0 && (turns[i]?.role !== 'user' || FEEDBACK_START.test(turns[i]?.content ?? '')))
      i--;
    queryIndex = i;
  }
  const query = turns[queryIndex]?.content ?? '';
  const jsonFormat =
    request.responseSchema !== undefined || /Respond with a JSON object/i.test(query);
  return {
    format: jsonFormat ? 'json' : 'chat',
    instruction: readInstruction(system),
    inputFields,
    outputFields,
    demos: readDemos(turns.slice(0, Math.max(0, queryIndex))),
    inputs: readMarkedFields(stripRespondLine(query)),
    feedback,
    previousAnswer,
    promptChars: request.messages.reduce((n, m) => n + m.content.length, 0),
  };
}

function readFieldLists(system: string): { inputFields: ReadField[]; outputFields: ReadField[] } {
  const inputFields: ReadField[] = [];
  const outputFields: ReadField[] = [];
  let side: ReadField[] | null = null;
  for (const line of system.split('\n')) {
    if (/^Your input fields are:/i.test(line)) side = inputFields;
    else if (/^Your output fields are:/i.test(line)) side = outputFields;
    else if (side) {
      const m = FIELD_LINE.exec(line.trim());
      if (m) side.push(makeField(m[1] ?? '', m[2] ?? 'text', m[3] ?? ''));
      else if (line.trim() !== '') side = null;
    }
  }
  // The structure section's notes list labels with `;`, which is safer than the type tag.
  for (const f of outputFields) {
    const note = new RegExp(
      `\\[\\[ ## ${f.name} ## \\]\\][^\\n]*\\n[^\\n]*exactly one of: ([^\\n]*)`,
    ).exec(system);
    if (note?.[1])
      f.labels = note[1]
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '');
  }
  return { inputFields, outputFields };
}

function makeField(name: string, tag: string, description: string): ReadField {
  const t = tag.trim();
  if (/^one of:/i.test(t)) {
    // The app's chat format separates labels with ';' (labels may hold commas), DSPy's with ','.
    const list = t.replace(/^one of:\s*/i, '');
    const labels = list
      .split(list.includes(';') ? ';' : ',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return { name, kind: 'label', labels, description };
  }
  const lower = t.toLowerCase();
  const kind =
    lower === 'number' ? 'number' : lower === 'list' ? 'list' : lower === 'json' ? 'json' : 'text';
  return { name, kind, labels: [], description };
}

function readInstruction(system: string): string {
  const at = system.search(/your objective is:/i);
  if (at < 0) return '';
  return system
    .slice(at)
    .replace(/^[^\n]*\n?/, '')
    .split('\n')
    .map((l) => l.replace(/^ {8}/, ''))
    .join('\n')
    .trim();
}

function readDemos(turns: readonly ChatMessage[]): ReadDemo[] {
  const demos: ReadDemo[] = [];
  for (let i = 0; i + 1 < turns.length; i++) {
    const user = turns[i];
    const assistant = turns[i + 1];
    if (user?.role !== 'user' || assistant?.role !== 'assistant') continue;
    demos.push({ inputs: readMarkedFields(user.content), outputs: readAnswer(assistant.content) });
    i++;
  }
  return demos;
}

/** Field values from `[[ ## name ## ]]` sections. */
export function readMarkedFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const marks = [...text.matchAll(MARKER)];
  marks.forEach((m, i) => {
    const name = m[1] ?? '';
    if (name.toLowerCase() === 'completed') return;
    const start = (m.index ?? 0) + m[0].length;
    const end = marks[i + 1]?.index ?? text.length;
    out[name] = text.slice(start, end).trim();
  });
  return out;
}

/** An assistant turn: a JSON object (JSON format) or marked sections (chat format). */
export function readAnswer(text: string): Record<string, string> {
  const open = text.indexOf('{');
  const close = text.lastIndexOf('}');
  if (open >= 0 && close > open && !HAS_MARKER.test(text)) {
    try {
      const parsed: unknown = JSON.parse(text.slice(open, close + 1));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(parsed as Record<string, unknown>))
          out[k] = typeof v === 'string' ? v : JSON.stringify(v);
        return out;
      }
    } catch {
      // Not JSON after all: fall through to markers.
    }
  }
  return readMarkedFields(text);
}

function stripRespondLine(text: string): string {
  const at = text.search(/\n\s*Respond with /);
  return at >= 0 ? text.slice(0, at) : text;
}
