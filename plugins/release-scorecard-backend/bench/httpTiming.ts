/* Latency measurement over HTTP: warm-up, then timed sequential requests. */

export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function summarize(durations: number[]): LatencySummary {
  const sorted = [...durations].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
  };
}

export class BenchClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...init.headers,
      },
    });
    return response;
  }

  async json<T = any>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.request(path, init);
    if (!response.ok) {
      throw new Error(
        `${init.method ?? 'GET'} ${path}: ${
          response.status
        } ${await response.text()}`,
      );
    }
    return (await response.json()) as T;
  }

  /** Times `count` requests made by `pathOf(i)`, after `warmup` untimed ones. */
  async measure(
    pathOf: (i: number) => string,
    count: number,
    warmup: number,
    init?: RequestInit,
  ): Promise<LatencySummary> {
    for (let i = 0; i < warmup; i++) {
      await this.expectOk(pathOf(i + count), init);
    }
    const durations: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await this.expectOk(pathOf(i), init);
      durations.push(performance.now() - started);
    }
    return summarize(durations);
  }

  private async expectOk(path: string, init?: RequestInit) {
    const response = await this.request(path, init);
    const body = await response.arrayBuffer();
    if (!response.ok) {
      throw new Error(
        `GET ${path}: ${response.status} ${Buffer.from(body)
          .toString('utf8')
          .slice(0, 300)}`,
      );
    }
  }
}
