export * from './audit';
export * from './system';
export * from './users';
