export * from './realtime-client';
export * from './rtc-call';
export * from './use-rtc-call';
export * from './browser-socket';
export * from './call-view';
