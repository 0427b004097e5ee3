export * from './actors';
export * from './database';
export * from './service';
export * from './local-s3';
export * from './schema';
export * from './secured-nats';
export * from './nats-relay';
export * from './private-nats';
