import { describe, expect, it } from 'vitest';
import type { CopaWorkerApi } from '../../../src/worker/api';
import { createCopaService } from '../../../src/worker/service';
import { getTask } from '../../../src/tasks';
import { PROGRAM_LIMITS } from '../../../src/core/interop/program-limits';
import { readSharedBytes, HAS_SHARED_DATA, SKIP_NOTE } from '../core/interop/shared-data';
import { adapterEnv, deps } from './fakes';
import { bytes, freshProfile, tabStorage, TICKET_TASK, smallRun } from './storage-fixtures';

const task = TICKET_TASK;
const small = smallRun(4);

async function serviceWithProgram(): Promise<{ service: CopaWorkerApi; programId: string }> {
  const service = createCopaService({
    ...deps(adapterEnv(null)),
    storage: tabStorage(freshProfile()),
  });
  await service.useStandIn(0);
  const outcome = await service.startRun({ task, config: small }, () => undefined);
  return { service, programId: outcome.programId! };
}

describe('The worker service storage: programs', () => {
  it('keeps an edited program in the Library without a run, and exports it', async () => {
    const service = createCopaService({
      ...deps(adapterEnv(null)),
      storage: tabStorage(freshProfile()),
    });
    const edited = getTask('ticket-routing').program.toState();
    edited.steps[0]!.signature.instruction = 'Route the ticket; refunds go to billing.';
    const saved = await service.saveProgram('  Router, my wording  ', edited);
    expect(saved).toMatchObject({ name: 'Router, my wording', origin: 'manual' });
    const listed = (await service.listPrograms()).items;
    expect(listed.map((p) => p.id)).toEqual([saved.id]);
    const text = (await service.exportProgram(saved.id, 'plain-text')).text;
    expect(text).toContain('refunds go to billing');
    // Not a program: refused by name, and nothing is stored.
    const broken = { ...edited, steps: [null] } as unknown as typeof edited;
    await expect(service.saveProgram('x', broken)).rejects.toMatchObject({
      name: 'ProgramStateError',
      message: expect.stringMatching(/not saved: its "steps\.0"/),
    });
    expect((await service.listPrograms()).items).toHaveLength(1);
    expect((await service.saveProgram('', edited)).name).toBe('Edited program');
  });

  it('exports a saved program in four formats', async () => {
    const { service, programId } = await serviceWithProgram();
    const copa = await service.exportProgram(programId, 'copa-json');
    expect(copa.fileName).toMatch(/\.copa\.json$/);
    expect(JSON.parse(copa.text)).toMatchObject({
      format: 'copa-playground/program',
      provenance: { engine: 'stand-in', seed: 4 },
    });
    const dspy = JSON.parse((await service.exportProgram(programId, 'dspy-json')).text) as Record<
      string,
      unknown
    >;
    // The built-in ticket router has one Predict step: flat, as dspy.Predict(...).save() writes it.
    expect(Object.keys(dspy)).toEqual(['traces', 'train', 'demos', 'signature', 'lm', 'metadata']);
    expect(dspy.lm).toBeNull();
    const messages = JSON.parse((await service.exportProgram(programId, 'openai-messages')).text);
    expect(messages.predictors[0].messages[0].role).toBe('system');
    const plain = await service.exportProgram(programId, 'plain-text');
    expect(plain.mimeType).toBe('text/plain');
    expect(plain.text).toContain('=== SYSTEM ===');
  });

  it('exports for DSPy: the JSON, the Python that loads it by the same file name, and the type warnings', async () => {
    const { service, programId } = await serviceWithProgram();
    const bundle = await service.exportDspy(programId);
    expect(bundle.json.text).toBe((await service.exportProgram(programId, 'dspy-json')).text);
    expect(bundle.flat).toBe(true);
    expect(bundle.python.fileName).toBe(bundle.json.fileName.replace(/\.json$/, '.py'));
    expect(bundle.python.text).toContain(`program.load("${bundle.json.fileName}")`);
    expect(bundle.python.text).toMatch(/department: Literal\[/);
    // The label set DSPy's JSON cannot hold is said, not dropped.
    expect(bundle.warnings.join('\n')).toMatch(/department is a label field/);
    expect(bundle.kept).toEqual([]);
  });

  it("writes the run's metric into the Python, and the Program screen's for a saved edit", async () => {
    const { service, programId } = await serviceWithProgram();
    const fromRun = (await service.exportDspy(programId)).python.text;
    // The ticket router is scored by label match on its department.
    expect(fromRun).toContain('SCORED_FIELD = "department"');
    expect(fromRun).toContain('COPA Playground\'s "Label match" on `department`');
    expect(fromRun).toMatch(/^def metric\(example, pred, trace=None\):$/m);
    const edited = getTask('ticket-routing').program.toState();
    const judged = await service.saveProgram('judged', edited, {
      metricId: 'llm_judge',
      targetField: 'department',
    });
    expect((await service.exportDspy(judged.id)).python.text).toContain(
      'judge = dspy.Predict(JudgeAnswer)',
    );
    // A metric the app does not have is not kept: the Python then has none.
    const unknown = await service.saveProgram('odd', edited, {
      metricId: 'bleu' as 'exact_match',
      targetField: 'department',
    });
    expect(unknown.scoring).toBeUndefined();
    expect((await service.exportDspy(unknown.id)).python.text).not.toContain('def metric(');
  });

  it('a program exported as project JSON or DSPy JSON imports again with the same instructions and demos', async () => {
    const { service, programId } = await serviceWithProgram();
    const original = (await service.listPrograms()).items[0]!;
    const copa = await service.exportProgram(programId, 'copa-json');
    const fromCopa = await service.importProgram(copa.fileName, bytes(copa.text));
    expect(fromCopa.origin).toBe('import-copa');
    expect(fromCopa.program).toEqual(original.program);
    expect(fromCopa.provenance).toEqual(original.provenance);
    const dspy = await service.exportProgram(programId, 'dspy-json');
    const fromDspy = await service.importProgram(dspy.fileName, bytes(dspy.text));
    expect(fromDspy.origin).toBe('import-dspy');
    const strip = (p: typeof original.program) =>
      p.steps.map((s) => ({
        instruction: s.signature.instruction,
        demos: s.demos.map((d) => ({ data: d.data, augmented: d.augmented })),
      }));
    expect(strip(original.program)[0]!.instruction).toBeTruthy();
    expect(strip(fromDspy.program)).toEqual(strip(original.program));
    expect((await service.listPrograms()).items).toHaveLength(3);
    await service.deleteProgram(fromDspy.id);
    expect((await service.listPrograms()).items).toHaveLength(2);
  });

  it('a project export of a program with long demos imports back; one past the bound is refused, saying what to do', async () => {
    const service = createCopaService({
      ...deps(adapterEnv(null)),
      storage: tabStorage(freshProfile()),
    });
    const longValue = (i: number) => `${i} `.padEnd(PROGRAM_LIMITS.demoValueChars, 'x');
    const withDemos = (count: number, longAnswers = false) => {
      const program = getTask('ticket-routing').program.toState();
      // As long as an imported data value may be: a run takes its demos from the data.
      program.steps[0]!.demos = Array.from({ length: count }, (_, i) => ({
        data: { ticket: longValue(i), department: longAnswers ? longValue(i) : 'billing' },
        augmented: false,
      }));
      return program;
    };
    // 20 demos of 100,000 characters: a 2 MB file, over what the import read before.
    const long = await service.saveProgram('Long tickets', withDemos(20));
    const copa = await service.exportProgram(long.id, 'copa-json');
    expect(copa.text.length).toBeGreaterThan(2_000_000);
    const back = await service.importProgram(copa.fileName, bytes(copa.text));
    expect(back.program).toEqual(long.program);
    // 100 demos (as many as a step may hold) of two long values each: past the bound, no file
    // the import would refuse.
    const huge = await service.saveProgram('Huge', withDemos(PROGRAM_LIMITS.demosPerStep, true));
    await expect(service.exportProgram(huge.id, 'copa-json')).rejects.toMatchObject({
      name: 'ProgramExportTooLargeError',
      message: expect.stringMatching(
        /^The project JSON of “Huge” would be 20\.\d MB, more than the 20\.0 MB a program import reads.*Download a backup in the Library instead/,
      ),
    });
    expect((await service.exportProgram(huge.id, 'plain-text')).text.length).toBeGreaterThan(
      PROGRAM_LIMITS.fileChars,
    );
  });

  it('a file that is not a program is refused and nothing is saved', async () => {
    const service = createCopaService({
      ...deps(adapterEnv(null)),
      storage: tabStorage(freshProfile()),
    });
    await expect(service.importProgram('x.json', bytes('{"format": "copa'))).rejects.toMatchObject({
      name: 'ProgramImportError',
      message: expect.stringMatching(/line 1, column/),
    });
    await expect(service.exportProgram('missing', 'copa-json')).rejects.toMatchObject({
      name: 'RecordNotFoundError',
    });
    expect((await service.listPrograms()).items).toEqual([]);
  });

  it.skipIf(!HAS_SHARED_DATA)(
    `imports the real DSPy programs of every generation${SKIP_NOTE}`,
    async () => {
      const service = createCopaService({
        ...deps(adapterEnv(null)),
        storage: tabStorage(freshProfile()),
      });
      for (const file of [
        'dspy-programs/dspy-pre2.4__turbo_8_8_10_gsm8k_200_300.json',
        'dspy-programs/dspy-2.4__basicmh_3_3_6.json',
        'dspy-programs/dspy-3.0.0__saved_program.json',
      ]) {
        const saved = await service.importProgram(file.split('/')[1]!, readSharedBytes(file));
        expect(saved.origin).toBe('import-dspy');
        expect(saved.program.steps.length).toBeGreaterThan(0);
      }
      expect((await service.listPrograms()).items).toHaveLength(3);
    },
  );
});
