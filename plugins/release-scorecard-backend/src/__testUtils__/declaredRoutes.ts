import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readDoraOptions } from '../dora';
import { readScorecardConfig } from '../rules';
import { RouterOptions, createRouter } from '../service/router';
import { BUILT_IN_WEBHOOK_SOURCES } from '../webhooks/sources';

/** One route of the plugin's HTTP API, e.g. `{ method: 'get', path: '/rules' }`. */
export interface DeclaredRoute {
  method: string;
  path: string;
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
}

function collectRoutes(stack: RouterLayer[], routes: DeclaredRoute[]) {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) {
        routes.push({ method, path: layer.route.path });
      }
    } else if (layer.handle?.stack) {
      collectRoutes(layer.handle.stack, routes);
    }
  }
  return routes;
}

/**
 * Every route the router modules declare, read from the router that
 * `createRouter` builds, so that a route added later is covered by the tests
 * that iterate over them. Handlers are not called; their services are stubs.
 */
export async function declaredRoutes(): Promise<DeclaredRoute[]> {
  // What the router modules read when they are built: the default settings.
  const config = new ConfigReader({});
  const router = await createRouter({
    config: mockServices.rootConfig(),
    scorecardConfig: readScorecardConfig(config),
    doraOptions: readDoraOptions(config),
    webhookSources: BUILT_IN_WEBHOOK_SOURCES,
    providedFacts: [],
    maxBodySize: '5mb',
  } as unknown as RouterOptions);
  return collectRoutes(
    (router as unknown as { stack: RouterLayer[] }).stack,
    [],
  );
}

/** The route's path with its parameters filled in. */
export function routePath(
  route: DeclaredRoute,
  params: Record<string, string>,
): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) {
      throw new Error(`No value for :${name} of ${route.path}`);
    }
    return encodeURIComponent(value);
  });
}
