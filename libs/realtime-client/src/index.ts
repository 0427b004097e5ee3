export * from './realtime-client';
