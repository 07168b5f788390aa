import { CustomErrorBase } from '@backstage/errors';
import { z } from 'zod';
import { DEFAULT_MAX_PAGES, DEFAULT_REQUEST_TIMEOUT_MS } from './types';

/** A request to a flag provider failed, timed out or returned something unexpected. */
export class FlagProviderRequestError extends CustomErrorBase {
  name = 'FlagProviderRequestError' as const;

  constructor(
    readonly provider: string,
    /** URL path of the failed request; never holds credentials. */
    readonly path: string,
    message: string,
    readonly details: {
      /** The HTTP status, when the provider answered. */
      status?: number;
      timedOut?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get timedOut(): boolean {
    return this.details.timedOut ?? false;
  }
}

export type QueryParams = Record<
  string,
  string | number | boolean | string[] | undefined
>;

/** Joins a base URL that may carry a path (e.g. `https://host/api`) with a path and query. */
export function buildProviderUrl(
  baseUrl: string,
  path: string,
  query: QueryParams = {},
): URL {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}${path}`);
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) {
      value.forEach(item => url.searchParams.append(name, item));
    } else if (value !== undefined) {
      url.searchParams.set(name, String(value));
    }
  }
  return url;
}

export interface ProviderHttpClientOptions {
  /** The provider's id, e.g. `unleash`. */
  provider: string;
  /** Its name in messages, e.g. `Unleash`. */
  displayName: string;
  baseUrl: string;
  /** Headers that authenticate every request. */
  authHeaders: Record<string, string>;
  requestTimeoutMs?: number;
  maxPages?: number;
}

/**
 * The HTTP side shared by the provider clients: GET with a per-request
 * time-out, response validation, same-origin link following and a hard cap
 * on paging. Error messages name the provider, the URL path and the status,
 * and never a header value.
 */
export class ProviderHttpClient {
  readonly provider: string;
  readonly baseUrl: string;
  readonly maxPages: number;
  private readonly authHeaders: Record<string, string>;
  private readonly requestTimeoutMs: number;
  private readonly displayName: string;

  constructor(options: ProviderHttpClientOptions) {
    this.provider = options.provider;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.authHeaders = options.authHeaders;
    this.requestTimeoutMs =
      options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.displayName = options.displayName;
  }

  url(path: string, query?: QueryParams): URL {
    return buildProviderUrl(this.baseUrl, path, query);
  }

  /**
   * Resolves a link the provider returned (e.g. a `next` page). Links to
   * another origin are refused so that the token is only ever sent to the
   * configured host.
   */
  resolveLink(href: string): URL {
    const base = new URL(this.baseUrl);
    const url = new URL(href, base);
    if (url.origin !== base.origin) {
      throw new FlagProviderRequestError(
        this.provider,
        url.pathname,
        `${this.displayName} returned a link to another host (${url.host}); not following it`,
      );
    }
    return url;
  }

  async getJson<T>(
    url: URL,
    schema: z.ZodType<T>,
    signal: AbortSignal,
  ): Promise<T> {
    const path = url.pathname;
    const request = `${this.displayName} request GET ${path}`;
    const timeoutSignal = AbortSignal.timeout(this.requestTimeoutMs);

    let body: unknown;
    try {
      const response = await fetch(url, {
        headers: { Accept: 'application/json', ...this.authHeaders },
        signal: AbortSignal.any([signal, timeoutSignal]),
        // A redirect could carry the token to another host; report it instead.
        redirect: 'manual',
      });
      if (!response.ok) {
        // Frees the connection; not awaited so a stalled body cannot delay the error.
        response.body?.cancel().catch(() => undefined);
        const hint =
          response.status >= 300 && response.status < 400
            ? ' (redirects are not followed; check the configured baseUrl)'
            : '';
        throw new FlagProviderRequestError(
          this.provider,
          path,
          `${request} failed with status ${response.status}${
            response.statusText ? ` ${response.statusText}` : ''
          }${hint}`,
          { status: response.status },
        );
      }
      body = await response.json();
    } catch (error) {
      if (error instanceof FlagProviderRequestError) {
        throw error;
      }
      if (timeoutSignal.aborted && !signal.aborted) {
        throw new FlagProviderRequestError(
          this.provider,
          path,
          `${request} timed out after ${this.requestTimeoutMs} ms`,
          { timedOut: true },
        );
      }
      if (signal.aborted) {
        throw new FlagProviderRequestError(
          this.provider,
          path,
          `${request} was aborted`,
          { cause: signal.reason },
        );
      }
      throw new FlagProviderRequestError(
        this.provider,
        path,
        `${request} failed`,
        {
          cause: error,
        },
      );
    }

    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new FlagProviderRequestError(
        this.provider,
        path,
        `${request} returned an unexpected response: ${z.prettifyError(
          parsed.error,
        )}`,
      );
    }
    return parsed.data;
  }

  /**
   * Reads a paged list from `firstUrl`, following `nextUrl` until it returns
   * undefined. Fails rather than returning a partial list when the provider
   * lists more than `maxPages` pages: a partial snapshot would silently drop
   * flags, while a failure keeps the last good snapshot.
   */
  async getAllPages<TPage, TItem>(options: {
    firstUrl: URL;
    schema: z.ZodType<TPage>;
    signal: AbortSignal;
    items: (page: TPage) => TItem[];
    nextUrl: (page: TPage, url: URL, itemCount: number) => URL | undefined;
  }): Promise<TItem[]> {
    const all: TItem[] = [];
    let url: URL | undefined = options.firstUrl;
    for (let pageCount = 0; url; pageCount++) {
      if (pageCount >= this.maxPages) {
        throw new FlagProviderRequestError(
          this.provider,
          options.firstUrl.pathname,
          `${this.displayName} listed more than ${this.maxPages} pages at ${options.firstUrl.pathname}; giving up`,
        );
      }
      const page: TPage = await this.getJson(
        url,
        options.schema,
        options.signal,
      );
      const items = options.items(page);
      all.push(...items);
      url = options.nextUrl(page, url, items.length);
    }
    return all;
  }
}
