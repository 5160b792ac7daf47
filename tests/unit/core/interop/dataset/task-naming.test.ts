import { describe, expect, it } from 'vitest';
import {
  exportSlug,
  fileStem,
  taskDescriptionFromData,
  taskNameFromData,
} from '../../../../../src/core/interop/dataset/task-naming';

const fields = { inputs: ['utterance'], outputs: ['intent'] };

describe('task naming from data', () => {
  it('names a task after its file', () => {
    expect(fileStem('C:\\data\\bank_intents-v2.csv')).toBe('bank intents v2');
    expect(taskNameFromData('bank_intents.csv', fields)).toBe('bank intents');
  });

  it('names a task after its fields when the file name is generic', () => {
    expect(taskNameFromData('train.csv', fields)).toBe('Intent from utterance (train.csv)');
    expect(taskNameFromData('data (2).json', { inputs: ['col_2'], outputs: ['col_1'] })).toBe(
      'Col 1 from col 2 (data (2).json)',
    );
  });

  it('describes the task from its fields and label count, not from any built-in task', () => {
    const d = taskDescriptionFromData('train.csv', fields, 77);
    expect(d).toBe(
      'Reads “utterance” and answers “intent”, one of 77 labels. Made from train.csv.',
    );
    expect(taskDescriptionFromData('x.csv', fields)).not.toMatch(/labels/);
  });

  it('makes file-name-safe slugs', () => {
    expect(exportSlug('Intent from utterance (train.csv)')).toBe('intent-from-utterance-train-csv');
    expect(exportSlug('Café ünïcode')).toBe('cafe-unicode');
    expect(exportSlug('***')).toBe('task');
  });
});
