import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { normalizeEntityRef } from '@internal/plugin-release-scorecard-common';

const CACHE_TTL_MS = 60_000;
const MAX_CACHED_PRINCIPALS = 1000;

/**
 * A test of entity refs against what `EntityVisibility.visibleEntityRefs`
 * answered: undefined (no restriction) lets every ref pass.
 */
export function isVisibleIn(
  visibleEntityRefs: string[] | undefined,
): (entityRef: string) => boolean {
  if (!visibleEntityRefs) {
    return () => true;
  }
  const visible = new Set(visibleEntityRefs);
  return entityRef => visible.has(normalizeEntityRef(entityRef) ?? entityRef);
}

/**
 * Which entities a caller may see, for organisation-wide lists. When the
 * permission policy lets the caller read every entity (the common case) the
 * answer is "no restriction" at no cost; only a conditional decision makes us
 * ask the catalog which entities the caller can read, cached briefly.
 */
export class EntityVisibility {
  private readonly cache = new Map<
    string,
    { refs: string[]; expiresAt: number }
  >();

  constructor(
    private readonly permissions: PermissionsService,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  /** The entity refs visible to the caller, or undefined when all are. */
  async visibleEntityRefs(
    credentials: BackstageCredentials,
    kinds: string[],
  ): Promise<string[] | undefined> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return undefined;
    }
    if (decision.result === AuthorizeResult.DENY) {
      return [];
    }
    const principal = this.auth.isPrincipal(credentials, 'user')
      ? credentials.principal.userEntityRef
      : 'service';
    const key = `${principal}\u0000${kinds.join(',')}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > Date.now()) {
      return cached.refs;
    }
    const refs: string[] = [];
    for await (const page of this.catalog.streamEntities(
      {
        filter: { kind: kinds },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    )) {
      refs.push(
        ...page.map(entity =>
          stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        ),
      );
    }
    if (this.cache.size >= MAX_CACHED_PRINCIPALS) {
      this.cache.clear();
    }
    this.cache.set(key, { refs, expiresAt: Date.now() + CACHE_TTL_MS });
    return refs;
  }
}
