import { ANNOTATIONS } from '@internal/plugin-release-scorecard-common';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EvidenceCollectorContext } from '@internal/plugin-release-scorecard-node';
import { DEFAULT_DEMO_PROFILE, DEMO_PROFILES } from './demoProfiles';
import { generateDemoHistory } from './generateDemoHistory';

/**
 * The annotation by which an entity opts in to demo data; its value names
 * the profile (one of DEMO_PROFILES, else the default one). Entities without
 * it never receive demo records.
 */
export const DEMO_PROFILE_ANNOTATION = ANNOTATIONS.demoProfile;

/** The state key that says up to when the demo was seeded. */
const SEEDED_UNTIL = 'seededUntil';

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

interface DemoEntity {
  entityRef: string;
  profile: string;
}

/**
 * Fills the entities that opt in (DEMO_PROFILE_ANNOTATION) with months of
 * history through the push API's own code path (validation, merging,
 * storage), so that a newcomer's first start shows populated scorecards.
 * Re-running only adds what is new since the last run.
 */
export class DemoDataSeeder {
  constructor(
    private readonly options: {
      context: EvidenceCollectorContext;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      days: number;
    },
  ) {}

  async run(now = Date.now()): Promise<void> {
    const { context, logger, days } = this.options;
    const services = await this.waitForServices();
    if (services.length === 0) {
      logger.info(
        `Demo data: no entity carries the ${DEMO_PROFILE_ANNOTATION} annotation; nothing to seed`,
      );
      return;
    }
    const seededUntil = Number(
      (await context.state.get(SEEDED_UNTIL)) ?? Number.NaN,
    );
    let records = 0;
    if (Number.isNaN(seededUntil)) {
      // First start: seed and evaluate the state of a week ago, then the
      // present, so that "what changed this week" has something to show.
      const weekAgo = now - 6.5 * DAY_MS;
      for (const service of services) {
        records += await this.seedService(
          service,
          now - days * DAY_MS,
          weekAgo,
          true,
        );
      }
      await context.evaluateAll({ at: new Date(weekAgo) });
      for (const service of services) {
        records += await this.seedService(
          service,
          weekAgo - DAY_MS,
          now,
          false,
        );
      }
    } else {
      // Days are generated from their own seeds: re-sending the last one is
      // an idempotent re-delivery.
      for (const service of services) {
        records += await this.seedService(
          service,
          Math.max(now - days * DAY_MS, seededUntil - DAY_MS),
          now,
          false,
        );
      }
    }
    await context.state.set(SEEDED_UNTIL, String(now));
    logger.info(
      `Demo data: sent ${records} records for ${services.length} entities`,
    );
    await context.evaluateAll({ at: new Date(now) });
  }

  /** Sends one entity's history between `from` and `to` through the push API path. */
  private async seedService(
    service: DemoEntity,
    from: number,
    to: number,
    untroubled: boolean,
  ): Promise<number> {
    const { ingest } = this.options.context;
    const { entityRef } = service;
    const name = entityRef.split('/')[1];
    const profile = DEMO_PROFILES[service.profile] ?? DEFAULT_DEMO_PROFILE;
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

  /**
   * The entities that opt in, once the catalog has read its locations (it
   * may still be reading them when the backend starts).
   */
  private async waitForServices(): Promise<DemoEntity[]> {
    const { catalog, auth } = this.options;
    const deadline = Date.now() + CATALOG_WAIT_MS;
    for (;;) {
      const { items } = await catalog.getEntities(
        {
          filter: {
            [`metadata.annotations.${DEMO_PROFILE_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
          ],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      if (items.length > 0 || Date.now() > deadline) {
        return items.map((entity: Entity) => ({
          entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
          profile: entity.metadata.annotations?.[DEMO_PROFILE_ANNOTATION] ?? '',
        }));
      }
      await new Promise(resolve => setTimeout(resolve, 3000));
    }
  }
}
