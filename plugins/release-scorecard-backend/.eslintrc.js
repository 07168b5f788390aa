/*
 * Imports flow downward through these layers: each may import the layers
 * below it and never one above, so that the domain stays pure and the
 * database layer never depends on the services that use it. Tests and test
 * utilities may cross layers to put a plugin together; production code not.
 */
const LAYERS = [
  {
    name: 'the domain',
    paths: ['evidence', 'dora', 'rules', 'flags', 'webhooks', 'time'],
  },
  { name: 'the database layer', paths: ['database'] },
  { name: 'the services', paths: ['ingest', 'evaluation'] },
  { name: 'the HTTP layer', paths: ['service'] },
  {
    name: 'the wiring',
    paths: ['plugin.ts', 'config.ts', 'extensions.ts', 'index.ts'],
  },
];

const describeLayer = layer => `${layer.name} (${layer.paths.join(', ')})`;

/** One zone per layer: nothing in it may import from a layer above it. */
const layerZones = LAYERS.slice(0, -1).map((layer, index) => {
  const below = LAYERS.slice(0, index);
  return {
    target: layer.paths.map(path => `./src/${path}`),
    from: LAYERS.slice(index + 1)
      .flatMap(upper => upper.paths)
      .map(path => `./src/${path}`),
    message: `Imports flow downward: ${describeLayer(layer)} may import ${
      below.length > 0
        ? `only from ${below.map(describeLayer).join(' and ')}`
        : 'no other layer'
    } (see the layers in .eslintrc.js).`,
  };
});

module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  settings: {
    // Resolve TypeScript imports to files, so that import rules can check them.
    'import/resolver': {
      node: { extensions: ['.ts', '.tsx', '.js', '.json'] },
    },
  },
  rules: {
    // supertest's `.expect(status)` is an assertion too.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'request.**.expect'] },
    ],
  },
  overrides: [
    {
      files: ['src/**/*.ts'],
      excludedFiles: [
        '**/*.test.ts',
        '**/__testUtils__/**',
        '**/__fixtures__/**',
        'src/setupTests.ts',
      ],
      rules: {
        'import/no-restricted-paths': [
          'error',
          { basePath: __dirname, zones: layerZones },
        ],
      },
    },
  ],
});
