import { expose } from 'comlink';
import { exposedApi } from './exposed-api';
import { CopaService } from './service';
import { browserServiceDeps } from './worker-deps';

// The thin worker entry: all behaviour lives in CopaService (tested in Node).
expose(exposedApi(new CopaService(browserServiceDeps())));
