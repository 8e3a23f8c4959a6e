/**
 * What the web app shares with the services: phases, candidate groups, task forms and their labels — the
 * parts without Temporal, so a browser bundle can import them (`@sozialraum/contracts/browser`).
 */
export * from './phases';
export * from './groups';
export * from './forms';
export * from './rejections';
export * from './labels';
export * from './measure-status';
export * from './problems';
export * from './calendar';
