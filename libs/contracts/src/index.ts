export * from './actor';
export * from './booking';
export * from './errors';
export * from './files';
export * from './identity';
export * from './pesel';
export * from './referrals';
export * from './subjects';
