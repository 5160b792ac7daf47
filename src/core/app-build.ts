/**
 * The app's version and the commit it was built from, e.g. `0.1.0+82f7c20` (vite.config.ts
 * writes it in at build time; `unknown` where nothing did, as in the Node scripts). A run's
 * results depend on the optimizer's code as much as on its seed, so runs and the programs
 * they save record it.
 */
declare const __APP_BUILD__: string | undefined;

export const APP_BUILD: string = typeof __APP_BUILD__ === 'string' ? __APP_BUILD__ : 'unknown';
