import { expose, wrap } from 'comlink';
import { describe, expect, it } from 'vitest';
import { CopaError } from '../../../src/core/errors';
import type { CopaWorkerApi } from '../../../src/worker/api';
import { clientFor, type CopaClient } from '../../../src/worker/client';
import { exposedApi } from '../../../src/worker/expose';
import { createCopaService } from '../../../src/worker/service';
import { adapterEnv, deps } from './fakes';
import { bytes, freshProfile, tabStorage, ticketCsv } from './storage-fixtures';

/** The service behind a real comlink channel, as the page talks to the worker. */
function connected(): { client: CopaClient; close: () => void } {
  const service = createCopaService({
    ...deps(adapterEnv(null)),
    storage: tabStorage(freshProfile()),
  });
  const { port1, port2 } = new MessageChannel();
  expose(exposedApi(service), port1);
  const client = clientFor(wrap<CopaWorkerApi>(port2), () => undefined);
  return {
    client,
    close: () => {
      port1.close();
      port2.close();
    },
  };
}

describe('storage methods across the worker boundary', () => {
  it('file bytes cross as a copy; a refused import arrives as a named error', async () => {
    const { client, close } = connected();
    try {
      const file = { fileName: 'bad.csv', bytes: bytes('text,label\n"x",a,b\n') };
      const err = await client
        .importDataset({ ...file, taskId: 'ticket-routing', mapping: {}, seed: 0 })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CopaError);
      expect((err as Error).name).toBe('DatasetImportError');
      expect((err as Error).message).toContain('line 2');
      const good = { fileName: 'ok.csv', bytes: bytes(ticketCsv(12)) };
      const preview = await client.previewDataset(good, 'ticket-routing');
      expect(preview.totalRows).toBe(12);
      const saved = await client.importDataset({
        ...good,
        taskId: 'ticket-routing',
        mapping: { ticket: 'text', department: 'label' },
        seed: 0,
      });
      expect((await client.listDatasets()).items.map((d) => d.id)).toEqual([saved.dataset.id]);
    } finally {
      close();
    }
  });

  it('a stored run resumes across the boundary with events delivered to the page', async () => {
    const { client, close } = connected();
    try {
      await client.useStandIn(0);
      const task = { kind: 'builtin' as const, taskId: 'ticket-routing' };
      const config = { cycles: 1, demoCandidates: 2, instructionCandidates: 2, stepMode: true };
      const paused = await client.startRun({ task, config }, () => undefined);
      expect(paused.status).toBe('paused');
      const seen: string[] = [];
      const resumed = await client.resumeStoredRun(paused.runId!, (batch) =>
        seen.push(...batch.map((e) => e.type)),
      );
      expect(resumed.runId).toBe(paused.runId);
      expect(seen).toContain('run-started');
      expect(await client.runLockState()).toEqual({ busy: false, here: false });
    } finally {
      close();
    }
  });
});
