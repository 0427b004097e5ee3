/**
 * Test tiers (see docs/testing.md): unit specs are pure; integration specs
 * talk to real PostgreSQL and NATS; e2e specs go through the gateway over HTTP;
 * browser specs drive Chromium. Every test file gets its own NATS subject
 * prefix and, where it needs one, its own database.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// ESM-only packages that Jest's CommonJS runtime must have transformed.
const esmPackages = [
  'jose',
  'openid-client',
  'oauth4webapi',
  'oidc-provider',
  'content-disposition',
  'cookie',
  // file-type and its own ESM-only dependencies
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer/inflate',
  'uint8array-extras',
  '@borewit/text-codec',
].join('|');

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@pacjent/(contracts|platform|testing|realtime-client)$': '<rootDir>/libs/$1/src',
    // file-type exports only `import` conditions, which Jest's CommonJS resolver does not read.
    '^file-type$': '<rootDir>/node_modules/file-type/index.js',
  },
  setupFiles: ['<rootDir>/libs/testing/src/jest-setup.ts'],
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,services,tools}/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{libs,services}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
  ],
  // A hook that starts a whole portal takes 5–10 s on a quiet machine and passed 30 s on a
  // loaded one (load 20 on 2 cores); the limit is for hangs, not for speed.
  testTimeout: 60000,
  // Each file's module registry is not all freed when the file ends (the portal's services, Nest, the AWS
  // SDK, Playwright): run in one process the heap grew by ~50-100 MB a file, to 6.5 GB by the end, with every
  // earlier file's leftovers live beside the next one, and tests failed late in full runs only. With a limit
  // Jest runs the files in a worker (still one at a time on 2 cores) and starts a fresh one once a file
  // leaves more than this behind.
  workerIdleMemoryLimit: '1536MB',
};
