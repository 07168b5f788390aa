import { Knex } from 'knex';
import {
  FeatureFlag,
  FlagEnvironment,
  FlagListResponse,
  FlagSnapshotStatus,
  OrganizationFlag,
  StoredFeatureFlag,
} from '@internal/plugin-release-scorecard-common';
import { FlagSnapshotEvidence, WriteCounts } from '../evidence';
import { FlagLifetimesDays } from '../flags/staleness';
import { chunk } from './chunk';
import { collapseByKey } from './collapseByKey';
import { FlagFilter, FlagStore } from './FlagStore';
import {
  decodePkCursor,
  nextPkCursor,
  PageRequest,
  StoredPage,
} from './pagination';
import { retryingTransaction } from './retryingTransaction';
import {
  DbBigInt,
  FlagRow,
  FlagSnapshotRow,
  optional,
  parseJson,
  provenanceOf,
} from './rows';
import { staleFlagPredicate } from './staleFlagPredicate';
import { whereInList } from './whereInList';
import { fromDbMillis, toIso } from './time';

/** Rows per INSERT, well below SQLite's bound-parameter limit. */
const INSERT_CHUNK = 200;
/** Longest provider error kept, in characters. */
const MAX_ERROR_LENGTH = 1000;

/** The columns of a flag that the provider's snapshot sets. */
function flagToRow(
  flag: FeatureFlag,
): Omit<
  FlagRow,
  'pk' | 'entity_ref' | 'provider' | 'source' | 'received_at' | 'updated_at'
> {
  return {
    flag_key: flag.key,
    name: flag.name ?? null,
    type: flag.type,
    temporary: flag.temporary,
    archived: flag.archived,
    active: !flag.archived && flag.environments.some(env => env.enabled),
    stale: flag.stale,
    stale_reason: flag.staleReason ?? null,
    environments: JSON.stringify(flag.environments),
    created_at: flag.createdAt ? Date.parse(flag.createdAt) : null,
    last_modified_at: flag.lastModifiedAt
      ? Date.parse(flag.lastModifiedAt)
      : null,
    owner: flag.owner ?? null,
    url: flag.url ?? null,
  };
}

/** A flag with when its provider last delivered the entity's flags. */
type FlagWithSnapshotRow = FlagRow & { snapshot_at: DbBigInt | null };

function flagResponse(row: FlagWithSnapshotRow): StoredFeatureFlag {
  return {
    entityRef: row.entity_ref,
    key: row.flag_key,
    name: optional(row.name),
    provider: row.provider,
    type: row.type,
    temporary: Boolean(row.temporary),
    archived: Boolean(row.archived),
    active: Boolean(row.active),
    stale: Boolean(row.stale),
    staleReason: optional(row.stale_reason),
    environments: parseJson<FlagEnvironment[]>(row.environments) ?? [],
    createdAt: toIso(fromDbMillis(row.created_at)),
    lastModifiedAt: toIso(fromDbMillis(row.last_modified_at)),
    owner: optional(row.owner),
    url: optional(row.url),
    ...provenanceOf(row),
    snapshotAt: toIso(Number(row.snapshot_at ?? row.updated_at)),
  };
}

/** The rows of a snapshot's flags. The store and the bulk loader both write these. */
export function snapshotFlagRows(
  snapshot: Omit<FlagSnapshotEvidence, 'flags'>,
  flags: FeatureFlag[],
  now: number,
): Array<Omit<FlagRow, 'pk'>> {
  return flags.map(flag => ({
    ...flagToRow(flag),
    entity_ref: snapshot.entityRef,
    provider: snapshot.provider,
    source: snapshot.source,
    received_at: now,
    updated_at: now,
  }));
}

/** Joins each flag (`f`) with the snapshot (`s`) of its entity and provider. */
function joinSnapshot(query: Knex.QueryBuilder) {
  return query.leftJoin('flag_snapshots as s', function onSnapshot() {
    this.on('s.entity_ref', '=', 'f.entity_ref').andOn(
      's.provider',
      '=',
      'f.provider',
    );
  });
}

export class DatabaseFlagStore implements FlagStore {
  constructor(private readonly db: Knex) {}

  async replaceFlagSnapshot(
    snapshot: FlagSnapshotEvidence,
    now: number,
  ): Promise<WriteCounts> {
    const flags = collapseByKey(
      snapshot.flags,
      flag => flag.key,
      (_, later) => later,
    );
    return retryingTransaction(this.db, async tx => {
      const scope = {
        entity_ref: snapshot.entityRef,
        provider: snapshot.provider,
      };
      const existingKeys = new Set(
        (
          (await tx('flags').where(scope).select('flag_key')) as Array<
            Pick<FlagRow, 'flag_key'>
          >
        ).map(row => row.flag_key),
      );
      const keys = flags.map(flag => flag.key);
      // Flags missing from the snapshot were deleted at the provider.
      await tx('flags')
        .where(scope)
        .modify(query => {
          if (keys.length > 0) {
            query.whereNotIn('flag_key', keys);
          }
        })
        .delete();
      for (const flagChunk of chunk(flags, INSERT_CHUNK)) {
        await tx('flags')
          .insert(snapshotFlagRows(snapshot, flagChunk, now))
          .onConflict(['entity_ref', 'provider', 'flag_key'])
          .merge([
            'name',
            'type',
            'temporary',
            'archived',
            'active',
            'stale',
            'stale_reason',
            'environments',
            'created_at',
            'last_modified_at',
            'owner',
            'url',
            'source',
            'updated_at',
          ]);
      }
      await tx('flag_snapshots')
        .insert({
          ...scope,
          refreshed_at: now,
          last_attempt_at: now,
          last_error: null,
          flag_count: flags.length,
        })
        .onConflict(['entity_ref', 'provider'])
        .merge(['refreshed_at', 'last_attempt_at', 'last_error', 'flag_count']);
      const updated = keys.filter(key => existingKeys.has(key)).length;
      return { accepted: keys.length - updated, updated };
    });
  }

  async recordFlagSnapshotFailure(
    entityRef: string,
    provider: string,
    error: string,
    now: number,
  ): Promise<void> {
    const lastError = error.slice(0, MAX_ERROR_LENGTH);
    const changed = await this.db('flag_snapshots')
      .where({ entity_ref: entityRef, provider })
      .update({ last_attempt_at: now, last_error: lastError });
    if (changed === 0) {
      // Never refreshed: there is no good snapshot to keep, say so.
      await this.db('flag_snapshots')
        .insert({
          entity_ref: entityRef,
          provider,
          refreshed_at: 0,
          last_attempt_at: now,
          last_error: lastError,
          flag_count: 0,
        })
        .onConflict(['entity_ref', 'provider'])
        .merge(['last_attempt_at', 'last_error']);
    }
  }

  async listFlags(
    entityRef: string,
    page: PageRequest,
  ): Promise<StoredPage<StoredFeatureFlag>> {
    const cursor = decodePkCursor(page.cursor);
    const rows: FlagWithSnapshotRow[] = await this.db('flags as f')
      .modify(joinSnapshot)
      .where('f.entity_ref', entityRef)
      .modify(query => {
        if (cursor) {
          query.where('f.pk', '>', cursor.pk);
        }
      })
      .orderBy('f.pk')
      .limit(page.limit + 1)
      .select('f.*', 's.refreshed_at as snapshot_at');
    return {
      items: rows.slice(0, page.limit).map(flagResponse),
      nextCursor: nextPkCursor(rows, page.limit),
    };
  }

  async listFlagSnapshots(entityRef: string): Promise<FlagSnapshotStatus[]> {
    const rows: FlagSnapshotRow[] = await this.db('flag_snapshots')
      .where({ entity_ref: entityRef })
      .orderBy('provider');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      provider: row.provider,
      refreshedAt: toIso(Number(row.refreshed_at)),
      lastAttemptAt: toIso(Number(row.last_attempt_at)),
      lastError: optional(row.last_error),
      flagCount: Number(row.flag_count),
    }));
  }

  async listOrganizationFlags(
    filter: FlagFilter,
    page: PageRequest,
    now: number,
    lifetimes: FlagLifetimesDays,
  ): Promise<FlagListResponse> {
    const cursor = decodePkCursor(page.cursor);
    const stale = staleFlagPredicate(now, lifetimes, 'f');
    const [rows, [{ n: totalCount }], owners]: [
      Array<
        FlagWithSnapshotRow & {
          entity_owner: string | null;
          entity_title: string | null;
        }
      >,
      Array<{ n: number | string }>,
      Array<{
        owner: string | null;
        total: number | string;
        active: number | string | null;
        stale: number | string | null;
      }>,
    ] = await Promise.all([
      this.filteredFlags(filter, now, lifetimes)
        .modify(joinSnapshot)
        .modify(query => {
          if (cursor) {
            query.where('f.pk', '>', cursor.pk);
          }
        })
        .orderBy('f.pk')
        .limit(page.limit + 1)
        .select(
          'f.*',
          's.refreshed_at as snapshot_at',
          'ce.owner as entity_owner',
          'ce.title as entity_title',
        ),
      this.filteredFlags(filter, now, lifetimes).count({ n: '*' }),
      this.filteredFlags(filter, now, lifetimes)
        .groupBy('ce.owner')
        .select(
          'ce.owner',
          this.db.raw('COUNT(*) AS total'),
          this.db.raw('SUM(CASE WHEN f.active THEN 1 ELSE 0 END) AS active'),
          this.db.raw(
            `SUM(CASE WHEN f.active AND (${stale.sql}) THEN 1 ELSE 0 END) AS stale`,
            stale.bindings,
          ),
        ),
    ]);
    return {
      items: rows.slice(0, page.limit).map(
        (row): OrganizationFlag => ({
          ...flagResponse(row),
          entityOwner: row.entity_owner ?? undefined,
          entityTitle: row.entity_title ?? undefined,
        }),
      ),
      nextCursor: nextPkCursor(rows, page.limit),
      totalCount: Number(totalCount),
      owners: owners
        .map(row => ({
          owner: row.owner ?? 'unowned',
          total: Number(row.total),
          active: Number(row.active ?? 0),
          stale: Number(row.stale ?? 0),
        }))
        .sort((a, b) => b.stale - a.stale || a.owner.localeCompare(b.owner)),
    };
  }

  /** The flags (`f`) that match the filter, with their entity's catalog copy (`ce`). */
  private filteredFlags(
    filter: FlagFilter,
    now: number,
    lifetimes: FlagLifetimesDays,
  ) {
    const stale = staleFlagPredicate(now, lifetimes, 'f');
    return this.db('flags as f')
      .leftJoin('catalog_entities as ce', 'ce.entity_ref', 'f.entity_ref')
      .modify(query => {
        if (filter.owners) {
          whereInList(query, 'ce.owner', filter.owners);
        }
        if (filter.providers) {
          query.whereIn('f.provider', filter.providers);
        }
        if (filter.types) {
          query.whereIn('f.type', filter.types);
        }
        if (filter.active !== undefined) {
          query.where('f.active', filter.active);
        }
        if (filter.stale === true) {
          query.whereRaw(`(${stale.sql})`, stale.bindings);
        } else if (filter.stale === false) {
          query.whereRaw(`NOT (${stale.sql})`, stale.bindings);
        }
        if (filter.visibleEntityRefs) {
          whereInList(query, 'f.entity_ref', filter.visibleEntityRefs);
        }
      });
  }
}
