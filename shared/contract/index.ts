export * from './audit';
export * from './bridge';
export * from './channel';
export * from './channels';
export * from './events';
export * from './identity';
export * from './inputs';
export * from './system';
