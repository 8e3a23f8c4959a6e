export * from './phases';
export * from './groups';
export * from './forms';
export * from './cycle';
export * from './rejections';
export * from './notifications';
export * from './measures';
