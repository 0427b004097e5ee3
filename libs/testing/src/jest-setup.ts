import 'reflect-metadata';
import { randomBytes } from 'node:crypto';

// Each test file talks to NATS under its own subject prefix, so parallel files
// and parallel runs never answer each other's requests.
process.env.BUS_PREFIX = `t${randomBytes(5).toString('hex')}`;
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
