export * from './audit';
export * from './security';
export * from './system';
export * from './users';
export * from './signatures';
export * from './recipes';
export * from './batches';
export * from './instruments';
