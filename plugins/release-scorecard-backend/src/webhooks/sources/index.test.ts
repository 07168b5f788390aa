import { existsSync } from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { BUILT_IN_WEBHOOK_SOURCES } from '.';
import { ExtensionRegistry } from '../../extensions';

describe('BUILT_IN_WEBHOOK_SOURCES', () => {
  it('registers through the extension registry like a module, each once', () => {
    const registry = new ExtensionRegistry<{ name: string }>(
      'webhook source',
      source => source.name,
    );
    expect(() => registry.add(...BUILT_IN_WEBHOOK_SOURCES)).not.toThrow();
    expect(() => registry.add(BUILT_IN_WEBHOOK_SOURCES[0])).toThrow(
      `The webhook source '${BUILT_IN_WEBHOOK_SOURCES[0].name}' is added twice`,
    );
  });

  it.each(BUILT_IN_WEBHOOK_SOURCES.map(source => source.name))(
    '%s has documented payloads as fixtures',
    name => {
      expect(
        existsSync(
          resolvePackagePath(
            '@internal/plugin-release-scorecard-backend',
            'src/webhooks/__fixtures__',
            name,
          ),
        ),
      ).toBe(true);
    },
  );
});
