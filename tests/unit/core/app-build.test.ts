import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_BUILD } from '../../../src/core/app-build';

describe('APP_BUILD', () => {
  it("is written in at build time: the package's version, and the commit in a git checkout", () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(APP_BUILD).toMatch(new RegExp(`^${version.replace(/\./g, '\\.')}(\\+[0-9a-f]{7,})?$`));
  });
});
