import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/** The user entity ref of user credentials; undefined for services. */
export function userOf(
  credentials: BackstageCredentials | undefined,
): string | undefined {
  const principal = credentials?.principal as
    | { type?: string; userEntityRef?: string }
    | undefined;
  return principal?.type === 'user' ? principal.userEntityRef : undefined;
}

const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

/**
 * A catalog that filters by the caller's credentials, as the real catalog
 * does under a conditional permission decision. `entities` is read on every
 * call, so a test may add entities later (the catalog learning them), and it
 * is indexed rather than scanned, so that it holds tens of thousands.
 */
export function restrictedCatalog(
  entities: Entity[],
  mayRead: (user: string | undefined, entity: Entity) => boolean,
) {
  let index = new Map<string, Entity>();
  let indexedCount = -1;
  const byRef = () => {
    if (indexedCount !== entities.length) {
      index = new Map(entities.map(entity => [refOf(entity), entity]));
      indexedCount = entities.length;
    }
    return index;
  };
  type Options = { credentials?: BackstageCredentials } | undefined;
  const readable = (options: Options, entity: Entity | undefined) =>
    entity && mayRead(userOf(options?.credentials), entity)
      ? entity
      : undefined;
  const lookUp = (ref: string) =>
    byRef().get(
      stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US'),
    );

  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () => ({
      ...catalogServiceMock({ entities: [] }),
      async getEntityByRef(ref: any, options?: Options) {
        return readable(
          options,
          lookUp(typeof ref === 'string' ? ref : stringifyEntityRef(ref)),
        );
      },
      async getEntitiesByRefs(req: any, options?: Options) {
        return {
          items: req.entityRefs.map((ref: string) =>
            readable(options, lookUp(ref)),
          ),
        };
      },
      async getEntities(req: any, options?: Options) {
        const { items } = await catalogServiceMock({ entities }).getEntities(
          req,
        );
        return {
          items: items.filter(entity => readable(options, entity)),
        };
      },
      async *streamEntities(req: any, options?: Options) {
        const kinds = [req?.filter?.kind ?? []]
          .flat()
          .map((kind: string) => kind.toLocaleLowerCase('en-US'));
        const matching = entities.filter(
          entity =>
            (kinds.length === 0 ||
              kinds.includes(entity.kind.toLocaleLowerCase('en-US'))) &&
            readable(options, entity),
        );
        const pageSize = req?.pageSize ?? 500;
        for (let i = 0; i < matching.length; i += pageSize) {
          yield matching.slice(i, i + pageSize);
        }
      },
    }),
  });
}

/**
 * A permission policy that allows everything, except that reading catalog
 * entities is a conditional decision for `conditionalUsers` (the plugin must
 * then ask the catalog which entities they may see) and denied to
 * `deniedUsers`.
 */
export function conditionalCatalogPermissions(
  conditionalUsers: string[],
  deniedUsers: string[] = [],
) {
  return mockServices.permissions.mock({
    async authorize(requests) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
    async authorizeConditional(requests, options) {
      const user = userOf(options?.credentials) ?? '';
      return requests.map(({ permission }) => {
        if (permission.name !== 'catalog.entity.read') {
          return { result: AuthorizeResult.ALLOW };
        }
        if (deniedUsers.includes(user)) {
          return { result: AuthorizeResult.DENY };
        }
        if (conditionalUsers.includes(user)) {
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: [user] },
            },
          };
        }
        return { result: AuthorizeResult.ALLOW };
      });
    },
  }).factory;
}
