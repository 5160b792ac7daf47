/** The app's name and version, written into exported files so a reader knows what made them. */
export const APP_NAME = 'COPA Playground';

/** Kept equal to package.json's "version" (a unit test checks it). */
export const APP_VERSION = '0.1.0';
