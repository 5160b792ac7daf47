import { expose } from 'comlink';
import { exposedApi } from './expose';
import { createCopaService } from './service';
import { browserServiceDeps } from './worker-deps';

// The thin worker entry: all behaviour lives in the service (tested in Node).
expose(exposedApi(createCopaService(browserServiceDeps())));
