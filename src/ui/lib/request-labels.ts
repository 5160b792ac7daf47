/**
 * Each request of a program run in words: `step “route”`, or `step “route”, again after a
 * broken rule` when that step was asked again (a retry with the violation fed back); null when
 * the worker could not tell the step.
 */
export function requestLabels(requestSteps: readonly (string | null)[]): (string | null)[] {
  const seen = new Set<string>();
  return requestSteps.map((step) => {
    if (step === null) return null;
    const again = seen.has(step);
    seen.add(step);
    return `step “${step}”${again ? ', again after a broken rule' : ''}`;
  });
}
