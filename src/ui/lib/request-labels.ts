import type { ChatMessage } from '../../core/lm';

/**
 * Which step sent each request of a program run, in words: `step “route”`, or `step “route”,
 * again after a broken rule` for a retry. A step is recognised by its system message (its
 * signature and instruction); null when no step matches.
 */
export function requestLabels(
  requests: readonly { messages: readonly ChatMessage[] }[],
  steps: readonly { predictor: string; messages: readonly ChatMessage[] }[],
): (string | null)[] {
  const system = (messages: readonly ChatMessage[]): string | undefined =>
    messages.find((m) => m.role === 'system')?.content;
  const seen = new Set<string>();
  return requests.map((req) => {
    const own = system(req.messages);
    const step = steps.find((s) => own !== undefined && system(s.messages) === own);
    if (!step) return null;
    const again = seen.has(step.predictor);
    seen.add(step.predictor);
    return `step “${step.predictor}”${again ? ', again after a broken rule' : ''}`;
  });
}
