export * from './router';
export * from './pushed-or-asked';
