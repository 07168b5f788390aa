import { Knex } from 'knex';
import { CatalogMirrorStore, MirroredEntity } from './CatalogMirrorStore';
import { chunk } from './chunk';
import { CatalogEntityRow, optional } from './rows';
import { whereInList } from './whereInList';

/** Rows per INSERT, and refs per DELETE. */
const WRITE_CHUNK = 200;
/** Refs per SELECT. */
const READ_CHUNK = 500;

function mirroredEntityFromRow(row: CatalogEntityRow): MirroredEntity {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    type: optional(row.type),
    lifecycle: optional(row.lifecycle),
    owner: optional(row.owner),
    system: optional(row.system),
    parent: optional(row.parent),
    title: optional(row.title),
    tags: row.tags ? JSON.parse(row.tags) : [],
    annotations: row.annotations ? JSON.parse(row.annotations) : {},
  };
}

export class DatabaseCatalogMirrorStore implements CatalogMirrorStore {
  constructor(private readonly db: Knex) {}

  async upsertCatalogEntities(
    entities: MirroredEntity[],
    now: number,
  ): Promise<void> {
    for (const entityChunk of chunk(entities, WRITE_CHUNK)) {
      await this.db('catalog_entities')
        .insert(
          entityChunk.map(
            (e): CatalogEntityRow => ({
              entity_ref: e.entityRef,
              kind: e.kind,
              type: e.type ?? null,
              lifecycle: e.lifecycle ?? null,
              owner: e.owner ?? null,
              system: e.system ?? null,
              parent: e.parent ?? null,
              title: e.title ?? null,
              tags: JSON.stringify(e.tags),
              annotations: JSON.stringify(e.annotations),
              refreshed_at: now,
            }),
          ),
        )
        .onConflict('entity_ref')
        .merge();
    }
  }

  async removeCatalogEntitiesRefreshedBefore(
    refreshedBefore: number,
  ): Promise<string[]> {
    const gone: string[] = await this.db('catalog_entities')
      .where('refreshed_at', '<', refreshedBefore)
      .pluck('entity_ref');
    for (const refs of chunk(gone, WRITE_CHUNK)) {
      await this.db.transaction(async tx => {
        await tx('rule_results').whereIn('entity_ref', refs).delete();
        await tx('entity_scorecards').whereIn('entity_ref', refs).delete();
        await tx('catalog_entities').whereIn('entity_ref', refs).delete();
      });
    }
    return gone;
  }

  async getCatalogEntities(
    entityRefs: string[],
  ): Promise<Map<string, MirroredEntity>> {
    const found = new Map<string, MirroredEntity>();
    for (const refs of chunk(entityRefs, READ_CHUNK)) {
      const rows: CatalogEntityRow[] = await this.db(
        'catalog_entities',
      ).whereIn('entity_ref', refs);
      for (const row of rows) {
        found.set(row.entity_ref, mirroredEntityFromRow(row));
      }
    }
    return found;
  }

  async expandGroup(groupRef: string): Promise<string[]> {
    // A recursive CTE walks down spec.parent links; UNION (not UNION ALL)
    // stops at cycles, should the catalog ever hold one.
    const result = await this.db.raw(
      `WITH RECURSIVE descendants(entity_ref) AS (
         SELECT CAST(? AS VARCHAR(255))
         UNION
         SELECT g.entity_ref FROM catalog_entities g
         JOIN descendants d ON g.parent = d.entity_ref
         WHERE g.kind = 'group'
       )
       SELECT entity_ref FROM descendants`,
      [groupRef],
    );
    // better-sqlite3 returns the rows, pg a result with `rows`.
    const rows: Array<Pick<CatalogEntityRow, 'entity_ref'>> = Array.isArray(
      result,
    )
      ? result
      : result.rows;
    return rows.map(row => row.entity_ref);
  }

  async listOwnedEntityRefs(
    owners: string[],
    kinds: string[],
  ): Promise<string[]> {
    return this.db('catalog_entities')
      .modify(query => whereInList(query, 'owner', owners))
      .whereIn('kind', kinds)
      .orderBy('entity_ref')
      .pluck('entity_ref');
  }

  async listCatalogEntityRefs(kinds: string[]): Promise<string[]> {
    return this.db('catalog_entities')
      .whereIn('kind', kinds)
      .orderBy('entity_ref')
      .pluck('entity_ref');
  }
}
