import { InputError } from '@backstage/errors';
import Router from 'express-promise-router';
import {
  EntityFlagsResponse,
  FLAG_TYPES,
  FlagType,
  releaseScorecardFlagsReadPermission,
  StoredFeatureFlag,
} from '@internal/plugin-release-scorecard-common';
import { ReleaseScorecardStores } from '../database/ReleaseScorecardStores';
import { applyStaleness, FlagLifetimesDays } from '../flags';
import { EntityVisibility } from './EntityVisibility';
import {
  pageOf,
  queryEntityRefs,
  queryList,
  queryString,
  RequestContext,
} from './requests';

function queryBoolean(
  value: string | undefined,
  name: string,
): boolean | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (value !== 'true' && value !== 'false') {
    throw new InputError(`${name}: must be true or false`);
  }
  return value === 'true';
}

/** Feature flags: of one entity, and across the organisation. */
export function createFlagRoutes(options: {
  requests: RequestContext;
  stores: Pick<ReleaseScorecardStores, 'flags' | 'catalogMirror'>;
  visibility: EntityVisibility;
  flagLifetimesDays: FlagLifetimesDays;
  evaluatedKinds: string[];
}) {
  const { requests, stores, visibility, flagLifetimesDays } = options;
  const router = Router();

  // Staleness by age is judged at read time: a flag becomes stale as days
  // pass, without a new snapshot.
  const judged = <T extends StoredFeatureFlag>(flag: T, now: Date): T => ({
    ...flag,
    ...applyStaleness(flag, flagLifetimesDays, now),
  });

  router.get('/entities/:namespace/:kind/:name/flags', async (req, res) => {
    const { entityRef } = await requests.readableEntityRef(req);
    const now = new Date();
    const [page, snapshots] = await Promise.all([
      stores.flags.listFlags(entityRef, pageOf(req)),
      stores.flags.listFlagSnapshots(entityRef),
    ]);
    const response: EntityFlagsResponse = {
      ...page,
      items: page.items.map(flag => judged(flag, now)),
      snapshots,
    };
    res.json(response);
  });

  router.get('/flags', async (req, res) => {
    const credentials = await requests.authorize(
      req,
      releaseScorecardFlagsReadPermission,
    );
    const types = queryList(req, 'type');
    const unknownType = types?.find(
      type => !FLAG_TYPES.includes(type as FlagType),
    );
    if (unknownType) {
      throw new InputError(
        `type: ${unknownType} is not one of ${FLAG_TYPES.join(', ')}`,
      );
    }
    const ownerRefs = queryEntityRefs(req, 'owner', 'group');
    const owners = ownerRefs
      ? [
          ...new Set(
            (
              await Promise.all(
                ownerRefs.map(ref => stores.catalogMirror.expandGroup(ref)),
              )
            ).flat(),
          ),
        ]
      : undefined;
    const now = Date.now();
    const response = await stores.flags.listOrganizationFlags(
      {
        owners,
        providers: queryList(req, 'provider'),
        types: types as FlagType[] | undefined,
        stale: queryBoolean(queryString(req, 'stale'), 'stale'),
        active: queryBoolean(queryString(req, 'active'), 'active'),
        visibleEntityRefs: await visibility.visibleEntityRefs(
          credentials,
          options.evaluatedKinds,
        ),
      },
      pageOf(req),
      now,
      flagLifetimesDays,
    );
    res.json({
      ...response,
      items: response.items.map(flag => judged(flag, new Date(now))),
    });
  });

  return router;
}
