import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { normalizeEntityRef } from '@internal/plugin-release-scorecard-common';
import { MirroredEntity } from '../database/CatalogMirrorStore';
import { chunk } from '../database/chunk';
import { ReleaseScorecardStores } from '../database/ReleaseScorecardStores';

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.tags',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'spec.parent',
  'relations',
];

/** Groups are copied for owner roll-ups (their hierarchy), systems for filters. */
const SUPPORTING_KINDS = ['group', 'system'];
const MAX_ANNOTATION_LENGTH = 1000;
const LOOKUP_CHUNK = 500;

function relationTarget(
  entity: Entity,
  type: string,
  kind: string,
): string | undefined {
  const relation = entity.relations?.find(
    r =>
      r.type === type &&
      r.targetRef.toLocaleLowerCase('en-US').startsWith(`${kind}:`),
  );
  return relation?.targetRef.toLocaleLowerCase('en-US');
}

/** The fields of an entity the scorecard keeps, refs resolved as the catalog does. */
export function toMirroredEntity(entity: Entity): MirroredEntity {
  const namespace = entity.metadata.namespace ?? 'default';
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const specRef = (field: string, kind: string) =>
    typeof spec[field] === 'string'
      ? normalizeEntityRef(spec[field] as string, { kind, namespace })
      : undefined;
  const owner =
    relationTarget(entity, RELATION_OWNED_BY, 'group') ??
    relationTarget(entity, RELATION_OWNED_BY, 'user') ??
    specRef('owner', 'group');
  return {
    entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    kind: entity.kind.toLocaleLowerCase('en-US'),
    type: typeof spec.type === 'string' ? spec.type : undefined,
    lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined,
    owner,
    system:
      relationTarget(entity, RELATION_PART_OF, 'system') ??
      specRef('system', 'system'),
    parent:
      relationTarget(entity, RELATION_CHILD_OF, 'group') ??
      specRef('parent', 'group'),
    title: entity.metadata.title,
    tags: entity.metadata.tags ?? [],
    annotations: Object.fromEntries(
      Object.entries(entity.metadata.annotations ?? {}).filter(
        ([, value]) =>
          typeof value === 'string' && value.length <= MAX_ANNOTATION_LENGTH,
      ),
    ),
  };
}

/**
 * Keeps the scorecard's copy of the catalog fields it filters and rolls up
 * by: all of it on a schedule, and single entities as data for them arrives.
 */
export class CatalogSync {
  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly stores: Pick<
      ReleaseScorecardStores,
      'catalogMirror' | 'ingestDiagnostics'
    >,
    /** Kinds that get scorecards, in lower case. */
    private readonly evaluatedKinds: string[],
  ) {}

  /**
   * Copies every relevant entity; forgets those gone from the catalog, and
   * takes those it now has off the report of unknown entity refs.
   */
  async refreshAll(
    now: number,
  ): Promise<{ refreshed: number; removed: string[] }> {
    let refreshed = 0;
    const credentials = await this.auth.getOwnServiceCredentials();
    for await (const page of this.catalog.streamEntities(
      {
        filter: {
          kind: [...new Set([...this.evaluatedKinds, ...SUPPORTING_KINDS])],
        },
        fields: FIELDS,
        pageSize: 500,
      },
      { credentials },
    )) {
      await this.stores.catalogMirror.upsertCatalogEntities(
        page.map(toMirroredEntity),
        now,
      );
      refreshed += page.length;
    }
    const removed =
      await this.stores.catalogMirror.removeCatalogEntitiesRefreshedBefore(now);
    await this.stores.ingestDiagnostics.forgetUnknownEntityRefsInCatalog();
    // Reported refs of kinds the refresh does not copy (an API, say): ask
    // the catalog whether it has them now. Few, and bounded by retention.
    for (const refs of chunk(
      await this.stores.ingestDiagnostics.listUnknownEntityRefsOutsideCatalog(),
      LOOKUP_CHUNK,
    )) {
      await this.ensure(refs, now);
    }
    return { refreshed, removed };
  }

  /**
   * The copies of `entityRefs`, fetching from the catalog those not copied
   * yet (no longer unknown, once copied). Refs the catalog does not know are
   * absent from the result.
   */
  async ensure(
    entityRefs: string[],
    now: number,
  ): Promise<Map<string, MirroredEntity>> {
    const known = await this.stores.catalogMirror.getCatalogEntities(
      entityRefs,
    );
    const missing = entityRefs.filter(ref => !known.has(ref));
    if (missing.length > 0) {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: missing, fields: FIELDS },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      const rows = items.flatMap(entity =>
        entity ? [toMirroredEntity(entity)] : [],
      );
      await this.stores.catalogMirror.upsertCatalogEntities(rows, now);
      for (const row of rows) {
        known.set(row.entityRef, row);
      }
      if (rows.length > 0) {
        await this.stores.ingestDiagnostics.forgetUnknownEntityRefsInCatalog();
      }
    }
    return known;
  }
}
