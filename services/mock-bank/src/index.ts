export * from './misbehaviour';
export * from './mock-bank';
export * from './personas';
