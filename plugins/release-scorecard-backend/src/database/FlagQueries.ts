import { Knex } from 'knex';
import {
  FlagListResponse,
  FlagType,
  OrganizationFlag,
} from '@internal/plugin-release-scorecard-common';
import { FlagLifetimesDays } from '../flags';
import { flagResponse } from './rows';
import { staleFlagPredicate } from './FactQueries';
import { decodePkCursor, encodeCursor } from './pagination';
import { whereInList } from './whereInList';

export interface FlagFilter {
  /** Owner group refs, already expanded to their sub-groups. */
  owners?: string[];
  providers?: string[];
  types?: FlagType[];
  /** Only stale (true) or only fresh (false) flags, judged now. */
  stale?: boolean;
  /** Only active (true) or inactive (false) flags. */
  active?: boolean;
  /** Only these entities (what the caller may see), when the catalog restricts it. */
  visibleEntityRefs?: string[];
}

/** The organisation-wide flag list, filtered, paged and counted in SQL. */
export class FlagQueries {
  constructor(private readonly db: Knex) {}

  private filtered(
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

  async list(
    filter: FlagFilter,
    page: { limit: number; cursor?: string },
    now: number,
    lifetimes: FlagLifetimesDays,
  ): Promise<FlagListResponse> {
    const cursor = decodePkCursor(page.cursor);
    const stale = staleFlagPredicate(now, lifetimes, 'f');
    type Row = Record<string, any>;
    const [rows, [{ n: totalCount }], owners]: [Row[], Row[], Row[]] =
      await Promise.all([
        this.filtered(filter, now, lifetimes)
          .leftJoin('flag_snapshots as s', function joinSnapshot() {
            this.on('s.entity_ref', '=', 'f.entity_ref').andOn(
              's.provider',
              '=',
              'f.provider',
            );
          })
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
        this.filtered(filter, now, lifetimes).count({ n: '*' }),
        this.filtered(filter, now, lifetimes)
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
      nextCursor:
        rows.length > page.limit
          ? encodeCursor({ after: 0, pk: Number(rows[page.limit - 1].pk) })
          : undefined,
      totalCount: Number(totalCount),
      owners: owners
        .map(row => ({
          owner: row.owner ?? 'unowned',
          total: Number(row.total),
          active: Number(row.active ?? 0),
          stale: Number(row.stale ?? 0),
        }))
        .sort(
          (
            a: { stale: number; owner: string },
            b: { stale: number; owner: string },
          ) => b.stale - a.stale || a.owner.localeCompare(b.owner),
        ),
    };
  }
}
