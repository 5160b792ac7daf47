import { describe, expect, it } from 'vitest';
import {
  exportMessages,
  exportPlainText,
  messagesExportText,
} from '../../../../src/core/interop/prompt-export';
import { chainOfThought, Program } from '../../../../src/core/program';
import { kvAdapter } from '../../helpers/kv-adapter';

const program = new Program([
  chainOfThought('answer', 'question -> answer', [
    { data: { question: 'What is 2+2?', reasoning: 'Add.', answer: '4' }, augmented: true },
  ]),
]).toState();

describe('OpenAI-style messages export', () => {
  it('is the chat prompt: system, one user/assistant pair per demo, final user turn with placeholders', () => {
    const [prompt] = exportMessages(program);
    expect(prompt?.predictor).toBe('answer');
    expect(prompt?.inputFields).toEqual(['question']);
    expect(prompt?.outputFields).toEqual(['reasoning', 'answer']);
    expect(prompt?.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(prompt?.messages[0]?.content).toContain(
      'Given the fields `question`, produce the fields `answer`.',
    );
    expect(prompt?.messages[1]?.content).toContain('What is 2+2?');
    expect(prompt?.messages[2]?.content).toContain('Add.');
    expect(prompt?.messages[3]?.content).toContain('{question}');
    expect(prompt?.messages[3]?.content).not.toContain('What is 2+2?');
  });

  it('uses the adapter it is given', () => {
    const [prompt] = exportMessages(program, kvAdapter);
    expect(prompt?.messages.at(-1)?.content).toBe('question: {question}');
    expect(prompt?.messages[2]?.content).toBe('reasoning: Add.\nanswer: 4');
  });

  it('JSON file names its format; plain text has role headings and says what to replace', () => {
    expect(JSON.parse(messagesExportText(program))).toMatchObject({ format: 'openai-messages' });
    const text = exportPlainText(program);
    expect(text).toMatch(/^Replace \{question\} with your input\./);
    expect(text).toContain('=== SYSTEM ===');
    expect(text).toContain('=== ASSISTANT ===');
  });
});
