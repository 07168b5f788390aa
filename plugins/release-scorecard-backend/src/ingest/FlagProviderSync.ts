import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { FlagStore } from '../database/FlagStore';
import {
  computeBackoffDelayMs,
  isProviderDue,
  ProviderFailureState,
} from '../flags/backoff';
import { ConfiguredFlagProvider } from '../flags/readFlagProviders';
import { FlagProviderClient } from '@internal/plugin-release-scorecard-node';

/**
 * Polls each configured flag provider on its schedule and stores one flag
 * snapshot per entity. A project whose fetch fails keeps its last good
 * snapshot (marked with the error and its age), is retried with back-off, and
 * never holds up other projects or providers: each provider is its own
 * scheduled task and each request has a time-out.
 */
export class FlagProviderSync {
  private readonly failures = new Map<string, ProviderFailureState>();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly options: {
      providers: ConfiguredFlagProvider[];
      catalog: CatalogService;
      auth: AuthService;
      store: FlagStore;
      logger: LoggerService;
      /** Called with the entities whose flags changed, to re-evaluate them. */
      onFlagsChanged: (entityRefs: string[]) => Promise<void>;
      now?: () => number;
    },
  ) {}

  async schedule(scheduler: SchedulerService): Promise<void> {
    for (const provider of this.options.providers) {
      await scheduler.scheduleTask({
        id: `release-scorecard-flags-${provider.client.provider}`,
        ...provider.schedule,
        fn: signal => this.syncProvider(provider.client, signal),
      });
    }
  }

  stop() {
    for (const timer of this.retryTimers.values()) {
      clearTimeout(timer);
    }
    this.retryTimers.clear();
  }

  /** Refreshes every project of the provider that is not backing off. */
  async syncProvider(
    client: FlagProviderClient,
    signal?: AbortSignal,
  ): Promise<void> {
    const projects = await this.projectsOf(client);
    const now = new Date(this.now());
    for (const [projectId, entityRefs] of projects) {
      if (signal?.aborted) {
        return;
      }
      const state = this.failures.get(this.key(client, projectId));
      if (state && !isProviderDue(state, now)) {
        continue;
      }
      await this.syncProject(client, projectId, entityRefs, signal);
    }
  }

  /** Entities by provider project, from the provider's catalog annotation. */
  private async projectsOf(
    client: FlagProviderClient,
  ): Promise<Map<string, string[]>> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${client.annotation}`]: CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const projects = new Map<string, string[]>();
    for (const entity of items) {
      const projectId =
        entity.metadata.annotations?.[client.annotation]?.trim();
      if (projectId) {
        const refs = projects.get(projectId) ?? [];
        refs.push(stringifyEntityRef(entity).toLocaleLowerCase('en-US'));
        projects.set(projectId, refs);
      }
    }
    return projects;
  }

  async syncProject(
    client: FlagProviderClient,
    projectId: string,
    entityRefs: string[],
    signal?: AbortSignal,
  ): Promise<void> {
    const { store, logger } = this.options;
    const key = this.key(client, projectId);
    const name =
      this.options.providers.find(p => p.client.provider === client.provider)
        ?.provider.displayName ?? client.provider;
    try {
      const flags = await client.fetchProjectFlags(projectId, {
        signal: signal ?? new AbortController().signal,
      });
      const now = this.now();
      for (const entityRef of entityRefs) {
        await store.replaceFlagSnapshot(
          {
            entityRef,
            provider: client.provider,
            source: client.provider,
            flags,
          },
          now,
        );
      }
      this.failures.delete(key);
      await this.options.onFlagsChanged(entityRefs);
    } catch (error) {
      const previous = this.failures.get(key)?.consecutiveFailures ?? 0;
      const state: ProviderFailureState = {
        consecutiveFailures: previous + 1,
        lastFailureAt: new Date(this.now()),
        jitter: Math.random(),
      };
      this.failures.set(key, state);
      // Provider errors name the provider, path and status, never the token.
      const reason = error instanceof Error ? error.message : String(error);
      for (const entityRef of entityRefs) {
        await store.recordFlagSnapshotFailure(
          entityRef,
          client.provider,
          reason,
          this.now(),
        );
      }
      const delay = computeBackoffDelayMs(
        state.consecutiveFailures,
        undefined,
        () => state.jitter!,
      );
      logger.warn(
        `${name} project ${projectId}: ${reason}; keeping the last good snapshot, retrying in ${Math.round(
          delay / 1000,
        )} s`,
      );
      this.scheduleRetry(key, delay, () =>
        this.syncProject(client, projectId, entityRefs),
      );
    }
  }

  private scheduleRetry(
    key: string,
    delayMs: number,
    retry: () => Promise<void>,
  ) {
    clearTimeout(this.retryTimers.get(key));
    const timer = setTimeout(() => {
      this.retryTimers.delete(key);
      retry().catch(error =>
        this.options.logger.warn(`Flag refresh failed: ${error}`),
      );
    }, delayMs);
    timer.unref?.();
    this.retryTimers.set(key, timer);
  }

  private key(client: FlagProviderClient, projectId: string) {
    return `${client.provider}\u0000${projectId}`;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }
}
