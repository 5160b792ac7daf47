import type {
  CustomModelInput,
  EngineStatus,
  EnginesApi,
  ProgressCallback,
  ServerChoice,
  ServerConnection,
  ServerInput,
  ServerModels,
  StorageReport,
} from './api';
import type { EngineHolder } from './engine-holder';
import type { RunController } from './run-controller';

/** The GPU, the catalog and the model; switching models waits until no run is going. */
export class EnginesService implements EnginesApi {
  readonly #engines: EngineHolder;
  readonly #runner: RunController;

  constructor(engines: EngineHolder, runner: RunController) {
    this.#engines = engines;
    this.#runner = runner;
  }

  probe() {
    return this.#engines.probe();
  }

  catalog() {
    return this.#engines.catalog();
  }

  addCustomModel(input: CustomModelInput) {
    return this.#engines.addCustomModel(input);
  }

  async loadModel(modelId: string, onProgress?: ProgressCallback): Promise<EngineStatus> {
    this.#runner.assertIdle('load a model');
    return this.#engines.load(modelId, onProgress);
  }

  async cancelLoad(): Promise<void> {
    this.#engines.cancelLoad();
  }

  async useStandIn(seed = 0, latencyMs = 0): Promise<EngineStatus> {
    this.#runner.assertIdle('switch models');
    return this.#engines.useStandIn(seed, latencyMs);
  }

  testServer(input: ServerInput): Promise<ServerModels> {
    return this.#engines.testServer(input);
  }

  async useServer(choice: ServerChoice): Promise<ServerConnection> {
    this.#runner.assertIdle('switch models');
    return this.#engines.useServer(choice);
  }

  async engineStatus(): Promise<EngineStatus> {
    return this.#engines.status();
  }

  async modelUsage() {
    return this.#engines.usage();
  }

  async modelSpeed() {
    return this.#engines.speed();
  }

  catalogDownloaded(): Promise<string[]> {
    return this.#engines.catalogDownloaded();
  }

  cachedModels(): Promise<StorageReport> {
    return this.#engines.cachedModels();
  }

  async deleteCachedModel(modelId: string): Promise<StorageReport> {
    this.#runner.assertIdle('delete a model');
    return this.#engines.deleteCached(modelId);
  }
}
