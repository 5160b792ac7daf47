import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_PREFIX, openCollection } from '../../../src/storage/idb';
import { ProgramRepository } from '../../../src/storage/programs';

/** Opens the programs database at a newer version, as a newer app in another tab would. */
function upgrade(version: number): Promise<'upgraded' | 'blocked'> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(`${DB_PREFIX}programs`, version);
    req.onblocked = () => resolve('blocked');
    req.onsuccess = () => {
      req.result.close();
      resolve('upgraded');
    };
    req.onerror = () => reject(req.error);
  });
}

const program = (id: string) => ({
  schemaVersion: 1,
  id,
  name: id,
  savedAt: '2026-01-01T00:00:00.000Z',
  origin: 'manual' as const,
  program: { version: 1 as const, description: '', steps: [] },
});

describe('openCollection and a newer version of the app', () => {
  it('lets another tab upgrade the database instead of blocking it, and opens it again after', async () => {
    const programs = new ProgramRepository(openCollection('programs'));
    await programs.put(program('kept'));
    // An open connection that ignores versionchange blocks the upgrade until its tab closes:
    // the newer app's every read and write would wait for ever.
    expect(await upgrade(2)).toBe('upgraded');
    await programs.put(program('after'));
    expect((await programs.list()).records.map((p) => p.id).sort()).toEqual(['after', 'kept']);
  });
});
