import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EvidenceStore } from '../database/EvidenceStore';
import { IngestService } from '../ingest/IngestService';
import { DEFAULT_DEMO_PROFILE, DEMO_PROFILES } from './demoProfiles';
import { generateDemoHistory } from './generateDemoHistory';

const DAY_MS = 86_400_000;
const BATCH = 500;
const CATALOG_WAIT_MS = 120_000;

function batches<T>(items: T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    result.push(items.slice(i, i + BATCH));
  }
  return result;
}

/**
 * Fills the example services with months of history through the push API's
 * own code path (validation, merging, storage), so that a newcomer's first
 * start shows populated scorecards. Re-running only adds what is new since.
 */
export class DemoDataSeeder {
  constructor(
    private readonly options: {
      ingest: IngestService;
      store: EvidenceStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      days: number;
      /** Called after seeding, to evaluate the scorecards as of `at`. */
      onSeeded?: (at: number) => Promise<unknown>;
    },
  ) {}

  async run(now = Date.now()): Promise<void> {
    const { store, logger, days } = this.options;
    const services = await this.waitForServices();
    if (services.length === 0) {
      logger.warn(
        'Demo data: the catalog has no services yet; will try again later',
      );
      return;
    }
    const [anyDemo] = (await store.listDeployments(services[0], { limit: 1 }))
      .items;
    let records = 0;
    if (!anyDemo) {
      // First start: seed and evaluate the state of a week ago, then the
      // present, so that "what changed this week" has something to show.
      const weekAgo = now - 6.5 * DAY_MS;
      for (const entityRef of services) {
        records += await this.seedService(
          entityRef,
          now - days * DAY_MS,
          weekAgo,
          true,
        );
      }
      await this.options.onSeeded?.(weekAgo);
      for (const entityRef of services) {
        records += await this.seedService(
          entityRef,
          weekAgo - DAY_MS,
          now,
          false,
        );
      }
    } else {
      for (const entityRef of services) {
        const [latest] = (await store.listDeployments(entityRef, { limit: 1 }))
          .items;
        const resumeFrom =
          latest?.source === 'demo' ? Date.parse(latest.startedAt) - DAY_MS : 0;
        records += await this.seedService(
          entityRef,
          Math.max(now - days * DAY_MS, resumeFrom),
          now,
          false,
        );
      }
    }
    logger.info(
      `Demo data: sent ${records} records for ${services.length} services`,
    );
    await this.options.onSeeded?.(now);
  }

  /** Sends one service's history between `from` and `to` through the push API path. */
  private async seedService(
    entityRef: string,
    from: number,
    to: number,
    untroubled: boolean,
  ): Promise<number> {
    const { ingest } = this.options;
    const name = entityRef.split('/')[1];
    const profile = DEMO_PROFILES[name] ?? DEFAULT_DEMO_PROFILE;
    if (profile === 'no-data') {
      return 0;
    }
    const history = generateDemoHistory({
      entityRef,
      name,
      profile,
      from,
      to,
      untroubled,
    });
    for (const deployments of batches(history.deployments)) {
      await ingest.ingestDeployments({ deployments }, 'demo');
    }
    for (const runs of batches(history.runs)) {
      await ingest.ingestPipelineRuns({ runs }, 'demo');
    }
    for (const incidents of batches(history.incidents)) {
      await ingest.ingestIncidents({ incidents }, 'demo');
    }
    if (history.flags.length > 0) {
      await ingest.ingestFlagSnapshot(
        {
          entityRef,
          provider: history.flags[0].provider,
          flags: history.flags,
        },
        'demo',
      );
    }
    return (
      history.deployments.length +
      history.runs.length +
      history.incidents.length +
      history.flags.length
    );
  }

  /** The example services, once the catalog has read its locations. */
  private async waitForServices(): Promise<string[]> {
    const { catalog, auth } = this.options;
    const deadline = Date.now() + CATALOG_WAIT_MS;
    for (;;) {
      const { items } = await catalog.getEntities(
        {
          filter: { kind: 'component', 'spec.type': 'service' },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      if (items.length > 0 || Date.now() > deadline) {
        return items.map(entity =>
          stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        );
      }
      await new Promise(resolve => setTimeout(resolve, 3000));
    }
  }
}
