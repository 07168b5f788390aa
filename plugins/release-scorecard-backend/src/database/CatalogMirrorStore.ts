import { FactProviderEntity } from '@internal/plugin-release-scorecard-node';

/**
 * The catalog fields of an entity that the scorecard keeps a copy of: what
 * fact providers are told of it, and the parent group and title.
 */
export interface MirroredEntity extends FactProviderEntity {
  parent?: string;
  title?: string;
}

/**
 * The scorecard's copy of the catalog fields that compliance filters, owner
 * roll-ups and facts need, so that they are answered in SQL.
 */
export interface CatalogMirrorStore {
  upsertCatalogEntities(entities: MirroredEntity[], now: number): Promise<void>;
  /**
   * Forgets entities a full catalog refresh did not see (deleted from the
   * catalog), with their results. Returns the refs removed.
   */
  removeCatalogEntitiesRefreshedBefore(
    refreshedBefore: number,
  ): Promise<string[]>;
  /** The copies of those of `entityRefs` the mirror holds. */
  getCatalogEntities(
    entityRefs: string[],
  ): Promise<Map<string, MirroredEntity>>;
  /** The group and every group below it, through `spec.parent`. */
  expandGroup(groupRef: string): Promise<string[]>;
  /**
   * Entities owned by any of `owners`, of the evaluated `kinds` only: the
   * copy also holds systems (for filters) and entities of other kinds that
   * data arrived for, and those are not what an owner's roll-up counts.
   */
  listOwnedEntityRefs(owners: string[], kinds: string[]): Promise<string[]>;
  /** Every entity of `kinds`, sorted by ref. */
  listCatalogEntityRefs(kinds: string[]): Promise<string[]>;
}
