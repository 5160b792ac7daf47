import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';

const IMPORT_LABEL = 'Import a program file (project JSON or DSPy JSON)';
const REACT_PROGRAM = fileURLToPath(
  new URL('../../../shared/data/dspy-programs/dspy-3.0.0__saved_program.json', import.meta.url),
);

const WITH_CREDENTIALS = fileURLToPath(
  new URL('../fixtures/dspy/kept-credentials-3.0.json', import.meta.url),
);

async function importFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.getByLabel(IMPORT_LABEL).setInputFiles({ name, mimeType: 'application/json', buffer });
}

test('a program file that is cut off, not UTF-8 or a dataset is refused with what to do, and the saved program stays', async ({
  page,
}) => {
  test.skip(!existsSync(REACT_PROGRAM), 'needs ../shared/data beside the project');
  const text = readFileSync(REACT_PROGRAM, 'utf8');
  await page.goto('/#/library');
  const programs = page.getByTestId('saved-programs');
  const error = page.getByTestId('library-error');
  await importFile(page, 'agent.json', Buffer.from(text));
  await expect(programs).toContainText('agent');

  // The accented instruction would have been imported with U+FFFD in place of "é".
  const latin1 = Buffer.from(text.replace('Imagine you are', 'Imaginé you are'), 'latin1');
  await importFile(page, 'latin1.json', latin1);
  await expect(error).toContainText(
    /latin1\.json is not UTF-8 text: the byte at offset \d+ \(line \d+\).*save the file as UTF-8/,
  );

  await importFile(page, 'cut.json', Buffer.from(text.slice(0, 3000)));
  await expect(error).toContainText(
    'The program file ends before its JSON is complete (it stops at line 22, column 345): it was cut off',
  );

  const rows = '{"question": "a", "answer": "b"}\n{"question": "c", "answer": "d"}\n';
  await importFile(page, 'train.jsonl', Buffer.from(rows));
  await expect(error).toContainText(
    'This file is JSON Lines with 2 records (a dataset), not a saved program: import it on the Data screen.',
  );

  await expect(programs.getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await expect(programs.getByRole('listitem')).toHaveCount(1);
  await expect(programs).toContainText('agent');
});

test('a DSPy ReAct agent imports with its tool-call outputs, and what the import changed stays listed under it', async ({
  page,
}) => {
  test.skip(!existsSync(REACT_PROGRAM), 'needs ../shared/data beside the project');
  await page.goto('/#/library');
  await page.getByLabel(IMPORT_LABEL).setInputFiles(REACT_PROGRAM);
  await expect(page.getByRole('status')).toContainText(
    'Imported “dspy-3.0.0__saved_program”. Read what the import changed or left out under its name (5 notes).',
  );
  const programs = page.getByTestId('saved-programs');
  const notes = programs.getByTestId('import-notes');
  await programs.getByRole('button', { name: /^Export .* for DSPy/ }).click();
  await expect(programs.getByTestId('dspy-python')).toContainText(
    'next_thought: str = dspy.OutputField()',
  );
  // Still there after a reload, when the notice is gone.
  await page.reload();
  await expect(page.getByText('Imported “dspy-3.0.0__saved_program”')).toHaveCount(0);
  await notes.getByText('What the import changed or left out (5)').click();
  await expect(notes).toContainText(
    '"react" is the tool-picking step of a DSPy ReAct agent. The playground has no tools and no agent loop',
  );
  await expect(notes).toContainText('react: demo keys that are not fields of this predictor');
  await expect(notes).not.toContainText('assumed only the last one');
});

test('credentials in a DSPy file are not kept, the import says so, and the export cannot carry them', async ({
  page,
}) => {
  await page.goto('/#/library');
  await page.getByLabel(IMPORT_LABEL).setInputFiles(WITH_CREDENTIALS);
  await expect(page.getByRole('status')).toContainText('Imported “kept-credentials-3.0”');
  const programs = page.getByTestId('saved-programs');
  const notes = programs.getByTestId('import-notes');
  await notes.getByText(/^What the import changed or left out/).click();
  await expect(notes).toContainText('An API key in search.lm.api_key was not kept');
  await expect(notes).toContainText(
    'A user name and password in an address in search.lm.api_base was not kept',
  );
  await programs.getByRole('button', { name: /^Export .* for DSPy/ }).click();
  const saving = page.waitForEvent('download');
  await programs.getByRole('button', { name: /^Download .*\.dspy\.json$/ }).click();
  const exported = readFileSync((await (await saving).path())!, 'utf8');
  expect(exported).toContain('"model": "openai/gpt-4o-mini"');
  for (const secret of ['sk-proj-', 'sk-ant-', 'hunter2', 'abc123def', 'hf_AbCd', 's3cret!'])
    expect(exported).not.toContain(secret);
});
