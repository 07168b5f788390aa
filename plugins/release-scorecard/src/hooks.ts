import { Entity } from '@backstage/catalog-model';
import { RouteRef, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

/**
 * The URL of a route, or undefined when the app does not mount it (a page the
 * adopter left out), so that links to it are simply not shown.
 */
export function useOptionalRouteLink(
  routeRef: RouteRef<undefined>,
): string | undefined {
  try {
    return useRouteRef(routeRef)();
  } catch {
    return undefined;
  }
}

/** The URL of a tab of the entity's page, e.g. `/catalog/default/component/x/release`. */
export function useEntityTabLink(
  entity: Entity,
  tabPath: string,
): string | undefined {
  let entityLink: string | undefined;
  try {
    // useRouteRef runs its hooks on every render and only then throws for an
    // unmounted route, so calling it inside try keeps the order of hooks.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    entityLink = useRouteRef(entityRouteRef)({
      kind: entity.kind.toLocaleLowerCase('en-US'),
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
    });
  } catch {
    return undefined;
  }
  return `${entityLink.replace(/\/$/, '')}/${tabPath}`;
}
