import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const DEFAULT_CACHE_TTL_MS = 60_000;
const MAX_CACHED_LOOKUPS = 10_000;
/** Entities rarely leave the catalog: one known to exist is not asked about again for a while. */
const KNOWN_REF_TTL_MS = 5 * 60_000;
const MAX_KNOWN_REFS = 100_000;

/**
 * Answers the catalog questions ingestion has: which entities carry an
 * annotation value (webhooks), and which refs the catalog does not know.
 * Annotation lookups are cached briefly: a busy webhook source sends many
 * events for the same few applications.
 */
export class CatalogEntityResolver {
  private readonly cache = new Map<
    string,
    { refs: string[]; expiresAt: number }
  >();
  /** Refs the catalog knew, until when they need not be checked again. */
  private readonly knownRefs = new Map<string, number>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly cacheTtlMs = DEFAULT_CACHE_TTL_MS,
  ) {}

  /** Entity refs (canonical lower case) whose annotation has this value. */
  async findByAnnotation(annotation: string, value: string): Promise<string[]> {
    const key = `${annotation}\u0000${value}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > Date.now()) {
      return cached.refs;
    }
    const { items } = await this.catalog.getEntities(
      {
        filter: { [`metadata.annotations.${annotation}`]: value },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const refs = items.map(entity =>
      stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    );
    if (this.cache.size >= MAX_CACHED_LOOKUPS) {
      this.cache.clear();
    }
    this.cache.set(key, { refs, expiresAt: Date.now() + this.cacheTtlMs });
    return refs;
  }

  /**
   * The refs among `entityRefs` that the catalog has no entity for. Refs
   * found recently are not asked about again, so a busy pipeline does not
   * cost the catalog a request per batch.
   */
  async findUnknownRefs(entityRefs: string[]): Promise<string[]> {
    const now = Date.now();
    const toCheck = entityRefs.filter(
      ref => (this.knownRefs.get(ref) ?? 0) < now,
    );
    if (toCheck.length === 0) {
      return [];
    }
    const { items } = await this.catalog.getEntitiesByRefs(
      {
        entityRefs: toCheck,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    if (this.knownRefs.size + toCheck.length > MAX_KNOWN_REFS) {
      this.knownRefs.clear();
    }
    const unknown: string[] = [];
    toCheck.forEach((ref, index) => {
      if (items[index]) {
        this.knownRefs.set(ref, now + KNOWN_REF_TTL_MS);
      } else {
        unknown.push(ref);
      }
    });
    return unknown;
  }
}
