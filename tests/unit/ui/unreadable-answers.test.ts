import { describe, expect, it } from 'vitest';
import { unreadableAnswersWarning } from '../../../src/ui/lib/unreadable-answers';

describe('unreadableAnswersWarning', () => {
  it('says so when most answers could not be read', () => {
    expect(unreadableAnswersWarning({ read: 0, unreadable: 150 })).toMatch(
      /^None of the model's 150 answers in this run could be read: 150 were not in the format/,
    );
    expect(unreadableAnswersWarning({ read: 3, unreadable: 97 })).toMatch(
      /^Only 3 of the model's 100 answers/,
    );
  });

  it('is quiet when most were read, when there were few, or when nothing was counted', () => {
    expect(unreadableAnswersWarning({ read: 60, unreadable: 40 })).toBeNull();
    expect(unreadableAnswersWarning({ read: 0, unreadable: 9 })).toBeNull();
    expect(unreadableAnswersWarning(undefined)).toBeNull();
  });
});
