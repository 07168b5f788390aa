import {
  FactDefinition,
  findFactDefinition,
} from '@internal/plugin-release-scorecard-common';
import {
  EvidenceCollector,
  FactProvider,
  FlagProvider,
  AnyWebhookSource,
} from '@internal/plugin-release-scorecard-node';

/**
 * What modules add through one extension point, by name. The backend adds
 * its built-in sources and providers the same way, so there is one path for
 * a tool whether it ships with the plugin or with a module.
 */
export class ExtensionRegistry<T> {
  private readonly items = new Map<string, T>();

  constructor(
    private readonly what: string,
    private readonly keyOf: (item: T) => string,
  ) {}

  add(...items: T[]): void {
    for (const item of items) {
      const key = this.keyOf(item);
      if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(key)) {
        throw new Error(
          `A ${this.what} must be named with lower-case letters, digits and -, got '${key}'`,
        );
      }
      if (this.items.has(key)) {
        throw new Error(`The ${this.what} '${key}' is added twice`);
      }
      this.items.set(key, item);
    }
  }

  list(): T[] {
    return [...this.items.values()];
  }
}

export function createExtensionRegistries() {
  return {
    webhookSources: new ExtensionRegistry<AnyWebhookSource>(
      'webhook source',
      source => source.name,
    ),
    flagProviders: new ExtensionRegistry<FlagProvider>(
      'flag provider',
      provider => provider.id,
    ),
    factProviders: new ExtensionRegistry<FactProvider>(
      'fact provider',
      provider => provider.id,
    ),
    evidenceCollectors: new ExtensionRegistry<EvidenceCollector>(
      'evidence collector',
      collector => collector.id,
    ),
  };
}

export type ExtensionRegistries = ReturnType<typeof createExtensionRegistries>;

/**
 * The facts fact providers declare, checked: a name that a built-in fact or
 * another provider already has would make rules ambiguous.
 */
export function providedFactDefinitions(
  providers: FactProvider[],
): FactDefinition[] {
  const owners = new Map<string, string>();
  for (const provider of providers) {
    for (const fact of provider.facts) {
      if (findFactDefinition(fact.name)) {
        throw new Error(
          `Fact provider '${provider.id}' declares '${fact.name}', which is a built-in fact; give its facts a prefix of their own`,
        );
      }
      const owner = owners.get(fact.name);
      if (owner) {
        throw new Error(
          `Fact providers '${owner}' and '${provider.id}' both declare '${fact.name}'`,
        );
      }
      owners.set(fact.name, provider.id);
    }
  }
  return providers.flatMap(provider => provider.facts);
}
