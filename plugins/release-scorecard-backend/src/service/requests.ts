import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { normalizeEntityRef } from '@internal/plugin-release-scorecard-common';
import { Request } from 'express';
import { parsePageSize } from '../database/pagination';
import { parseIsoTime } from '../time/parseIsoTime';

/** What the route handlers need to know about a request and its caller. */
export class RequestContext {
  constructor(
    private readonly httpAuth: HttpAuthService,
    private readonly permissions: PermissionsService,
    private readonly catalog: CatalogService,
  ) {}

  /** A user or a service; anonymous callers get 401. */
  credentials(req: Request): Promise<BackstageCredentials> {
    return this.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  async authorize(
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> {
    const credentials = await this.credentials(req);
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
    return credentials;
  }

  /**
   * The canonical ref of the entity named by the path (`:namespace/:kind/:name`),
   * if the caller may read it in the catalog. Unknown and hidden entities are
   * both a 404, so that the API does not tell which entities exist.
   */
  async readableEntityRef(
    req: Request,
  ): Promise<{ entityRef: string; credentials: BackstageCredentials }> {
    const credentials = await this.credentials(req);
    const { namespace, kind, name } = req.params;
    const entityRef = `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    return { entityRef, credentials };
  }
}

export function pageOf(req: Request) {
  return {
    limit: parsePageSize(req.query.limit),
    cursor: queryString(req, 'cursor'),
  };
}

/** A single-valued query parameter; repeating it is an error. */
export function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new InputError(`${name}: must be given once`);
  }
  return value;
}

/** A list parameter: repeated (`?kind=a&kind=b`) or comma-separated. */
export function queryList(req: Request, name: string): string[] | undefined {
  const value = req.query[name];
  if (value === undefined || value === '') {
    return undefined;
  }
  const values = (Array.isArray(value) ? value : [value]).flatMap(item => {
    if (typeof item !== 'string') {
      throw new InputError(`${name}: must be a list of strings`);
    }
    return item.split(',');
  });
  const trimmed = values.map(item => item.trim()).filter(Boolean);
  return trimmed.length > 0 ? trimmed : undefined;
}

/** A list of entity refs, shorthand filled in with `defaultKind`. */
export function queryEntityRefs(
  req: Request,
  name: string,
  defaultKind: string,
): string[] | undefined {
  return queryList(req, name)?.map(text => {
    const ref = normalizeEntityRef(text, { kind: defaultKind });
    if (!ref) {
      throw new InputError(`${name}: ${text} is not an entity ref`);
    }
    return ref;
  });
}

export function queryNumber(
  req: Request,
  name: string,
  range: { min: number; max: number; integer?: boolean },
): number | undefined {
  const text = queryString(req, name);
  if (text === undefined) {
    return undefined;
  }
  const value = Number(text);
  if (
    !Number.isFinite(value) ||
    value < range.min ||
    value > range.max ||
    (range.integer && !Number.isInteger(value))
  ) {
    throw new InputError(
      `${name}: must be ${range.integer ? 'a whole number' : 'a number'} from ${
        range.min
      } to ${range.max}`,
    );
  }
  return value;
}

/** Epoch ms of an ISO 8601 time parameter; without an offset it is UTC. */
export function queryTime(req: Request, name: string): number | undefined {
  const text = queryString(req, name);
  if (text === undefined) {
    return undefined;
  }
  const time = parseIsoTime(text);
  if (time === undefined) {
    throw new InputError(
      `${name}: must be an ISO 8601 time, e.g. 2026-11-01T00:00:00Z`,
    );
  }
  return time;
}
