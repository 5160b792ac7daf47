import { throwIfAborted } from '../../core/errors';
import { estimateTokens, type LMRequest, type LMResponse, type LanguageModel } from '../../core/lm';
import { pickSlip, slipRate, writeAnswer } from './answer-writer';
import type { Behaviour } from './behaviour';
import { answerFields } from './field-answerer';
import { readInstructionRules } from './instruction-rules';
import { Noise } from './noise';
import { readPrompt } from './prompt-reader';

const PROPOSER_OUTPUT = 'proposed_instruction';

/**
 * What every simulated model shares: it reads the request as the app's adapters write it
 * (prompt-reader.ts), answers from that alone through its behaviour, makes format slips at a
 * rate demos, an "answer only" rule and constraint feedback reduce (answer-writer.ts), and
 * answers proposer requests (the only output is `proposed_instruction`) with its behaviour's
 * proposer.
 *
 * Determinism: the output is a pure function of (model seed, request messages, temperature,
 * and — only when temperature > 0 — `request.seed`). `rolloutId` is stripped before a request
 * reaches a model, so a fresh sample needs another `seed` with temperature > 0.
 */
export class SimulatedModel implements LanguageModel {
  constructor(
    readonly id: string,
    readonly seed: number,
    private readonly behaviour: Behaviour,
  ) {}

  /** The seed changes every answer, so it is part of the answer cache's key. */
  get cacheIdentity(): string {
    return `${this.id}#seed=${this.seed}`;
  }

  async complete(request: LMRequest, signal?: AbortSignal): Promise<LMResponse> {
    throwIfAborted(signal);
    const full = this.respond(request);
    const cap = Math.max(1, request.maxTokens) * 4;
    const text = full.length > cap ? full.slice(0, cap) : full;
    const promptText = request.messages.map((m) => m.content).join('\n');
    return {
      text,
      usage: {
        promptTokens: estimateTokens(promptText),
        completionTokens: estimateTokens(text),
        latencyMs: 0,
      },
      finishReason: text.length < full.length ? 'length' : 'stop',
    };
  }

  /** The answer text for a request (synchronous; `complete` wraps it). */
  respond(request: LMRequest): string {
    const prompt = readPrompt(request);
    const noise = new Noise(this.seed, request, this.id);
    const outputs = prompt.outputFields;
    if (outputs.length === 1 && outputs[0]?.name === PROPOSER_OUTPUT)
      return writeAnswer(
        prompt,
        { [PROPOSER_OUTPUT]: this.behaviour.propose(prompt.inputs, noise) },
        null,
      );
    const rules = readInstructionRules(prompt.instruction);
    const values = answerFields(this.behaviour, prompt, rules, noise, request.temperature);
    const rate = slipRate(prompt, rules.answerOnly, request.temperature);
    const slip = pickSlip(prompt, rate, noise, request.responseSchema !== undefined);
    return writeAnswer(prompt, values, slip);
  }
}
