import { describe, expect, it } from 'vitest';
import { chatAdapter } from '../../../../src/core/adapters/chat-adapter';
import { readMarkerSections } from '../../../../src/core/adapters/markers';
import { ParseError } from '../../../../src/core/errors';
import { chainOfThought, effectiveSignature } from '../../../../src/core/program';
import { Signature } from '../../../../src/core/signature';

const qa = Signature.parse('question, context -> answer, confidence: number');

function parseError(sig: Signature, text: string): ParseError {
  try {
    chatAdapter.parse(sig, text);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

describe('chatAdapter.parse: lenient cases', () => {
  it('reads a well-formed answer', () => {
    const text =
      '[[ ## answer ## ]]\nParis\n\n[[ ## confidence ## ]]\n0.8\n\n[[ ## completed ## ]]\n';
    expect(chatAdapter.parse(qa, text)).toEqual({ answer: 'Paris', confidence: 0.8 });
  });

  it('accepts header case and spacing variants and a missing completed marker', () => {
    const text = '[[## Answer ##]]\nParis\n[[ ##CONFIDENCE## ]] 0.8';
    expect(chatAdapter.parse(qa, text)).toEqual({ answer: 'Paris', confidence: 0.8 });
  });

  it('ignores text before the first marker and after the completed marker', () => {
    const text =
      'Sure! Here is my answer.\n[[ ## answer ## ]]\nParis\n[[ ## confidence ## ]]\n1\n[[ ## completed ## ]]\nHope this helps.';
    expect(chatAdapter.parse(qa, text)).toEqual({ answer: 'Paris', confidence: 1 });
  });

  it('removes a markdown fence around the whole answer, also after leading prose', () => {
    const fenced = '```\n[[ ## answer ## ]]\nParis\n\n[[ ## confidence ## ]]\n0.5\n```';
    expect(chatAdapter.parse(qa, fenced)).toEqual({ answer: 'Paris', confidence: 0.5 });
    const prose =
      'Answer:\n```markdown\n[[ ## answer ## ]]\nParis\n\n[[ ## confidence ## ]]\n0.5\n```';
    expect(chatAdapter.parse(qa, prose)).toEqual({ answer: 'Paris', confidence: 0.5 });
  });

  it('keeps a code block that is the whole text answer', () => {
    const sig = Signature.parse('task -> code, notes');
    const text = '[[ ## code ## ]]\n```js\nf()\n```\n\n[[ ## notes ## ]]\nnone';
    expect(chatAdapter.parse(sig, text)).toEqual({ code: '```js\nf()\n```', notes: 'none' });
  });

  it('takes the first section when a field is repeated, and keeps multi-line text', () => {
    const text =
      '[[ ## answer ## ]]\nline one\nline two\n[[ ## confidence ## ]]\n0.1\n[[ ## answer ## ]]\nlater';
    expect(chatAdapter.parse(qa, text)).toEqual({ answer: 'line one\nline two', confidence: 0.1 });
  });

  it('reads an unmarked answer as the only output, fences removed', () => {
    const sig = Signature.parse('question -> answer');
    expect(chatAdapter.parse(sig, '  ```\nParis\n```  ')).toEqual({ answer: 'Paris' });
    expect(chatAdapter.parse(sig, 'Paris')).toEqual({ answer: 'Paris' });
  });

  it('reads the first number of a number field', () => {
    const sig = Signature.parse('q -> n: number');
    const read = (t: string): unknown => chatAdapter.parse(sig, `[[ ## n ## ]]\n${t}`).n;
    expect(read('About 42% sure')).toBe(42);
    expect(read('-3.5 degrees')).toBe(-3.5);
    expect(read('1,234.5 people')).toBe(1234.5);
    expect(read('top-3')).toBe(3);
    expect(read('**7**')).toBe(7);
    expect(read('1e3')).toBe(1000);
  });

  it('reads the stated result of a number answer that shows its working', () => {
    const sig = Signature.parse('q -> n: number');
    const read = (t: string): unknown => chatAdapter.parse(sig, `[[ ## n ## ]]\n${t}`).n;
    expect(read('3 * 6 = 18')).toBe(18);
    expect(read('18 (since 20 - 2 = 18)')).toBe(18);
    expect(read('The answer is 7, from 3 + 4')).toBe(7);
    expect(read('The answer is 7 (= 3 + 4)')).toBe(7);
    expect(read('3 + 4 = 7\n#### 7')).toBe(7);
    // A result marker without a number after it falls back to the first number.
    expect(read('12 apples =')).toBe(12);
  });

  it('canonicalizes labels, stripping prefixes, emphasis and trailing punctuation', () => {
    const sig = Signature.parse('text -> sentiment: label[Positive|Negative|N/A]');
    const read = (t: string): unknown => chatAdapter.parse(sig, t).sentiment;
    expect(read('[[ ## sentiment ## ]]\npositive')).toBe('Positive');
    expect(read('[[ ## sentiment ## ]]\nNEGATIVE.')).toBe('Negative');
    expect(read('[[ ## sentiment ## ]]\nLabel: positive!')).toBe('Positive');
    expect(read('[[ ## sentiment ## ]]\nSentiment: **negative**')).toBe('Negative');
    expect(read('[[ ## sentiment ## ]]\n"positive"\nBecause it is upbeat.')).toBe('Positive');
    expect(read('[[ ## sentiment ## ]]\nn/a')).toBe('N/A');
    // A lone label output without markers is also read.
    expect(read('Negative')).toBe('Negative');
  });

  it('reads the one label a wordy answer names, as whole words, the longest when they overlap', () => {
    const sig = Signature.parse('text -> intent: label[card|card_arrival|pin_change|balance]');
    const read = (t: string): unknown => chatAdapter.parse(sig, t).intent;
    expect(read('[[ ## intent ## ]]\nThe intent here is balance.')).toBe('balance');
    expect(read('[[ ## intent ## ]]\n- balance')).toBe('balance');
    expect(read('[[ ## intent ## ]]\n[balance]')).toBe('balance');
    expect(read('{"intent": "balance"}')).toBe('balance');
    expect(read('<intent>balance</intent>')).toBe('balance');
    // Underscores, hyphens and spaces alike; "card arrival" does not also name "card".
    expect(read('[[ ## intent ## ]]\nThis is about card arrival')).toBe('card_arrival');
    expect(read('[[ ## intent ## ]]\nPIN-change')).toBe('pin_change');
    expect(read('[[ ## intent ## ]]\nmy card')).toBe('card');
    // Only whole words: "balances" and "discard" name no label.
    expect(read('[[ ## intent ## ]]\nbalances')).toBe('balances');
    expect(read('[[ ## intent ## ]]\ndiscard it')).toBe('discard it');
  });

  it('reads a slash in a label as the other separators', () => {
    const sig = Signature.parse('text -> topic: label[World|Sports|Business|Sci/Tech]');
    const read = (t: string): unknown => chatAdapter.parse(sig, t).topic;
    expect(read('[[ ## topic ## ]]\nSci-Tech')).toBe('Sci/Tech');
    expect(read('[[ ## topic ## ]]\nThe topic is sci / tech.')).toBe('Sci/Tech');
    expect(read('[[ ## topic ## ]]\nSci Tech or World')).toBe('Sci Tech or World');
  });

  it('leaves an answer naming two labels as it is, for the constraint check and its retry', () => {
    const sig = Signature.parse('text -> intent: label[card|card_arrival|pin_change|balance]');
    expect(chatAdapter.parse(sig, '[[ ## intent ## ]]\nbalance or card arrival').intent).toBe(
      'balance or card arrival',
    );
  });

  it('returns a label outside the set as the raw text, for a constraint check to flag', () => {
    const sig = Signature.parse('text -> sentiment: label[positive|negative]');
    expect(chatAdapter.parse(sig, '[[ ## sentiment ## ]]\nMostly Neutral ')).toEqual({
      sentiment: 'Mostly Neutral',
    });
  });

  it('reads lists as JSON arrays or bullet lists, and JSON fields with fences', () => {
    const sig = Signature.parse('q -> items: list, meta: json');
    expect(
      chatAdapter.parse(
        sig,
        '[[ ## items ## ]]\n["a", "b"]\n[[ ## meta ## ]]\n```json\n{"k": 1}\n```',
      ),
    ).toEqual({ items: ['a', 'b'], meta: { k: 1 } });
    expect(chatAdapter.parse(sig, '[[ ## items ## ]]\n- a\n- b c\n[[ ## meta ## ]]\nnull')).toEqual(
      { items: ['a', 'b c'], meta: null },
    );
  });

  it('reads a ChainOfThought answer with reasoning first', () => {
    const sig = effectiveSignature(chainOfThought('qa', 'question -> answer'));
    const text =
      '[[ ## reasoning ## ]]\nParis is the capital.\n\n[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]';
    expect(chatAdapter.parse(sig, text)).toEqual({
      reasoning: 'Paris is the capital.',
      answer: 'Paris',
    });
  });
});

describe('chatAdapter.parse: an answer without field markers', () => {
  const cot = effectiveSignature(chainOfThought('solve', 'question -> answer: number'));

  it("reads `Name: value` lines, DSPy's older layout, in any case, bold or as headings", () => {
    // A small model that drops the markers often writes the fields this way; it cost a retry.
    expect(chatAdapter.parse(cot, 'Reasoning: 2 and 2 make 4.\nAnswer: 4')).toEqual({
      reasoning: '2 and 2 make 4.',
      answer: 4,
    });
    expect(chatAdapter.parse(cot, '**Reasoning:** add them\n\n**Answer:** 4')).toEqual({
      reasoning: 'add them',
      answer: 4,
    });
    expect(chatAdapter.parse(qa, '## Answer:\nParis\n## Confidence: 0.9')).toEqual({
      answer: 'Paris',
      confidence: 0.9,
    });
  });

  it('keeps other `Word:` lines in the section they are in, and ignores text before the first', () => {
    const text = 'Let me see.\nReasoning: First,\nStep 1: 3 + 4 = 7.\nNote: none.\nAnswer: 7';
    expect(chatAdapter.parse(cot, text)).toEqual({
      reasoning: 'First,\nStep 1: 3 + 4 = 7.\nNote: none.',
      answer: 7,
    });
    // Underscores in a field name may be written as spaces.
    const sig = Signature.parse('q -> final_answer, confidence: number');
    expect(chatAdapter.parse(sig, 'Final answer: Paris\nconfidence: 1')).toEqual({
      final_answer: 'Paris',
      confidence: 1,
    });
  });

  it('reads a JSON object of the outputs, as DSPy falls back to its JSON adapter', () => {
    expect(chatAdapter.parse(cot, '{"reasoning": "2 + 2", "answer": 4}')).toEqual({
      reasoning: '2 + 2',
      answer: 4,
    });
    // A broken object is read as lines, and the error names the chat format's markers.
    const err = parseError(qa, '{"answer": "Paris", oops');
    expect(err.missingFields).toEqual(['answer', 'confidence']);
    expect(err.message).toContain('[[ ## answer ## ]]');
  });

  it("drops a lone output's own `Name:` header, and nothing else", () => {
    // An instruction proposal read "**Proposed Instruction:** Classify it." as the instruction.
    const proposal = Signature.parse('task -> proposed_instruction');
    expect(chatAdapter.parse(proposal, '**Proposed Instruction:** Classify it.')).toEqual({
      proposed_instruction: 'Classify it.',
    });
    const summary = Signature.parse('text -> summary');
    expect(chatAdapter.parse(summary, 'Summary:\nThe cat sat.\nNote: short.')).toEqual({
      summary: 'The cat sat.\nNote: short.',
    });
    // Another word's header, or the field's name later on, is part of the answer.
    expect(chatAdapter.parse(summary, 'Note: the cat sat.')).toEqual({
      summary: 'Note: the cat sat.',
    });
    expect(chatAdapter.parse(summary, 'The cat sat.\nSummary: a cat.')).toEqual({
      summary: 'The cat sat.\nSummary: a cat.',
    });
  });

  it("reads an output written as `Name: value` inside another field's section", () => {
    // The model opened with the reasoning's marker and ended with "Answer: 18": a retry.
    const text = '[[ ## reasoning ## ]]\nStep 1: 9 eggs.\n9 * 2 = 18.\n\nAnswer: 18';
    expect(chatAdapter.parse(cot, text)).toEqual({
      reasoning: 'Step 1: 9 eggs.\n9 * 2 = 18.',
      answer: 18,
    });
    // An output that has its own marker keeps it: a line naming it elsewhere stays text.
    const both = '[[ ## reasoning ## ]]\nAnswer: maybe 3.\n[[ ## answer ## ]]\n4';
    expect(chatAdapter.parse(cot, both)).toEqual({ reasoning: 'Answer: maybe 3.', answer: 4 });
  });

  it('still needs every output: a missing one is named for the retry', () => {
    const err = parseError(cot, 'Reasoning: 9 times 2 is 18.');
    expect(err.missingFields).toEqual(['answer']);
  });
});

describe('chatAdapter.parse: failures keep the raw text and name the fields', () => {
  it('names a missing field', () => {
    const text = '[[ ## answer ## ]]\nParis';
    const err = parseError(qa, text);
    expect(err.rawText).toBe(text);
    expect(err.missingFields).toEqual(['confidence']);
    expect(err.message).toContain('"confidence"');
    expect(err.message).toContain('[[ ## confidence ## ]]');
    expect(err.name).toBe('ParseError');
  });

  it('names every field when no marker appears for a multi-output signature', () => {
    const err = parseError(qa, 'Paris, I am quite sure.');
    expect(err.missingFields).toEqual(['answer', 'confidence']);
    expect(err.rawText).toBe('Paris, I am quite sure.');
  });

  it('fails on a number field with no number, naming it', () => {
    const err = parseError(qa, '[[ ## answer ## ]]\nParis\n[[ ## confidence ## ]]\nhigh');
    expect(err.missingFields).toEqual(['confidence']);
    expect(err.message).toMatch(/"confidence" should be a number/);
  });

  it('fails on a list that is neither JSON nor bullets, and on invalid JSON', () => {
    const sig = Signature.parse('q -> items: list, meta: json');
    const err = parseError(sig, '[[ ## items ## ]]\na and b\n[[ ## meta ## ]]\n{oops');
    expect(err.missingFields).toEqual(['items', 'meta']);
  });

  it('fails on an empty answer', () => {
    const err = parseError(Signature.parse('q -> a'), '   ');
    expect(err.message).toMatch(/empty answer/);
    expect(err.missingFields).toEqual(['a']);
  });

  it('does not take a wrong-named section as the only output', () => {
    const err = parseError(Signature.parse('q -> answer'), '[[ ## response ## ]]\nParis');
    expect(err.missingFields).toEqual(['answer']);
  });
});

describe('readMarkerSections', () => {
  it('keys sections as written, or by the given names matched case-insensitively', () => {
    const text = 'intro\n[[ ## Question ## ]]\nq?\n\n[[ ##context## ]]\nc\n[[ ## completed ## ]]';
    expect(readMarkerSections(text)).toEqual({ Question: 'q?', context: 'c', completed: '' });
    expect(readMarkerSections(text, ['question'])).toEqual({ question: 'q?' });
  });
});
