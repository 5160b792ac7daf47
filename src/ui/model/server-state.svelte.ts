import type { ServerModels, WarmUpResult } from '../../worker/api';
import type { CopaClient } from '../../worker/client';
import { toShown, type EngineState, type ShownError } from '../engine-state.svelte';
import { CONTEXT_WINDOW_RANGE } from '../../core/context-window-range';
import { contextWindowProblem } from '../lib/context-window-problem';

/** Ollama's default address, the most common local server. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:11434';

const STORAGE_KEY = 'copa-playground:local-server';

interface Remembered {
  baseUrl?: string;
  model?: string;
  apiKey?: string;
}

/**
 * The "Local server" form: address, optional API key (in memory only unless the user asks to
 * remember it), the models the server lists, and the warm-up's measured speed.
 */
export class ServerState {
  baseUrl = $state(DEFAULT_SERVER_URL);
  apiKey = $state('');
  /** Keep the API key in this browser's storage (the address and model are always kept). */
  rememberKey = $state(false);
  /** The address the worker refused as public, until the user confirms it. */
  publicAddress = $state<string | null>(null);
  confirmPublic = $state(false);
  found = $state.raw<ServerModels | null>(null);
  model = $state<string | null>(null);
  /**
   * Tokens; undefined (blank) when unknown, the server then says when a prompt is too long. NaN
   * when the box holds what the browser cannot read (1e400): refused, not read as blank.
   */
  contextWindow = $state<number | undefined>(undefined);
  busy = $state<'testing' | 'connecting' | null>(null);
  warmUp = $state.raw<WarmUpResult | null>(null);
  error = $state<ShownError | null>(null);

  constructor(
    private readonly client: CopaClient,
    private readonly engine: EngineState,
  ) {
    const saved = readRemembered();
    if (saved.baseUrl) this.baseUrl = saved.baseUrl;
    if (saved.model) this.model = saved.model;
    if (saved.apiKey) {
      this.apiKey = saved.apiKey;
      this.rememberKey = true;
    }
  }

  /** True when the typed address is one the user must confirm before anything is sent. */
  get askConfirmation(): boolean {
    return this.publicAddress !== null && this.publicAddress === this.baseUrl.trim();
  }

  /** "Test connection": lists the server's models. */
  async test(): Promise<void> {
    await this.work('testing', async () => {
      this.found = null;
      const found = await this.client.testServer(this.input());
      this.found = found;
      if (!this.model || !found.models.includes(this.model)) this.model = found.models[0] ?? null;
    });
  }

  /**
   * What is wrong with the context window typed, with the range allowed; null when it is blank
   * or usable. A window of -1 or 1.5 was sent as it was, and one of 1e400 dropped unsaid.
   */
  get contextWindowProblem(): string | null {
    return contextWindowProblem(this.contextWindow, CONTEXT_WINDOW_RANGE, 'or blank when unknown');
  }

  /** "Use this server": a warm-up call, then the server's model answers every call. */
  async connect(): Promise<void> {
    const model = this.model;
    if (!model || this.contextWindowProblem !== null) return;
    await this.work('connecting', async () => {
      this.warmUp = null;
      const connection = await this.client.useServer({
        ...this.input(),
        model,
        ...(this.contextWindow !== undefined ? { contextWindow: this.contextWindow } : {}),
      });
      this.warmUp = connection.warmUp;
      this.engine.status = connection.status;
      this.engine.error = null;
      this.remember(model);
      await this.engine.refreshUsage();
    });
  }

  /** Stops a warm-up that waits (a server loading a big model); the current model stays. */
  async cancel(): Promise<void> {
    if (this.busy === 'connecting') await this.client.cancelLoad();
  }

  private input(): { baseUrl: string; apiKey?: string; confirmPublic?: boolean } {
    const key = this.apiKey.trim();
    return {
      baseUrl: this.baseUrl.trim(),
      ...(key ? { apiKey: key } : {}),
      ...(this.askConfirmation && this.confirmPublic ? { confirmPublic: true } : {}),
    };
  }

  private async work(kind: 'testing' | 'connecting', task: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = kind;
    this.error = null;
    try {
      await task();
    } catch (err) {
      // Cancelled by the user: nothing went wrong.
      if (toShown(err).name === 'AbortError') return;
      this.error = toShown(err);
      if (this.error.name === 'PublicServerAddressError') {
        this.publicAddress = this.baseUrl.trim();
        this.confirmPublic = false;
      }
    } finally {
      this.busy = null;
    }
  }

  /** Called when "Remember the API key" changes: the stored key follows the choice at once. */
  keyChoiceChanged(): void {
    const saved = readRemembered();
    delete saved.apiKey;
    if (this.rememberKey && this.apiKey) saved.apiKey = this.apiKey;
    writeRemembered(saved);
  }

  private remember(model: string): void {
    writeRemembered({
      baseUrl: this.baseUrl.trim(),
      model,
      ...(this.rememberKey && this.apiKey ? { apiKey: this.apiKey } : {}),
    });
  }
}

function writeRemembered(value: Remembered): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(value));
  } catch {
    // Storage can be unavailable (private modes): the form then starts from the defaults.
  }
}

function readRemembered(): Remembered {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (typeof raw !== 'object' || raw === null) return {};
    const r = raw as Record<string, unknown>;
    const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
    const out: Remembered = {};
    const baseUrl = text(r.baseUrl);
    const model = text(r.model);
    const apiKey = text(r.apiKey);
    if (baseUrl) out.baseUrl = baseUrl;
    if (model) out.model = model;
    if (apiKey) out.apiKey = apiKey;
    return out;
  } catch {
    return {};
  }
}
