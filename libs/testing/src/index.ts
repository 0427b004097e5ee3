export * from './actors';
export * from './database';
export * from './service';
