/*
 * Where each kind of evidence comes from: the catalog annotations that connect
 * a webhook source, and the push API endpoint with a minimal valid body
 * (see the backend's ingest schemas).
 */

export type EvidenceKind = 'pipelines' | 'deployments' | 'incidents';

export interface AnnotationSource {
  annotation: string;
  /** What setting it brings, e.g. `GitHub Actions workflow runs`. */
  brings: string;
  example: string;
}

export interface EvidenceSource {
  /** `pipeline runs`, in a sentence. */
  noun: string;
  annotations: AnnotationSource[];
  /** Path under the plugin's base URL, e.g. `ingest/deployments`. */
  ingestPath: string;
  exampleBody: (entityRef: string, now: Date) => unknown;
}

const minutesBefore = (now: Date, minutes: number) =>
  new Date(now.getTime() - minutes * 60_000)
    .toISOString()
    .replace(/\.\d+Z$/, 'Z');

export const EVIDENCE_SOURCES: Record<EvidenceKind, EvidenceSource> = {
  pipelines: {
    noun: 'pipeline runs',
    annotations: [
      {
        annotation: 'github.com/project-slug',
        brings: 'GitHub Actions workflow runs',
        example: 'acme/my-service',
      },
      {
        annotation: 'gitlab.com/project-slug',
        brings: 'GitLab pipelines',
        example: 'acme/my-service',
      },
      {
        annotation: 'sonarqube.org/project-key',
        brings: 'SonarQube static analysis',
        example: 'acme_my-service',
      },
    ],
    ingestPath: 'ingest/pipelines',
    exampleBody: (entityRef, now) => ({
      runs: [
        {
          id: `ci-run-${now.getTime()}`,
          entityRef,
          revision: '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
          version: '1.0.0',
          branch: 'main',
          startedAt: minutesBefore(now, 15),
          finishedAt: minutesBefore(now, 1),
          gates: [
            {
              gate: 'unit-tests',
              status: 'passed',
              metrics: { coverage: 0.85, testsTotal: 120, testsFailed: 0 },
            },
            {
              gate: 'container-scan',
              status: 'passed',
              metrics: { critical: 0, high: 0 },
            },
          ],
        },
      ],
    }),
  },
  deployments: {
    noun: 'deployments',
    annotations: [
      {
        annotation: 'argocd/app-name',
        brings: 'Argo CD syncs and Argo Rollouts',
        example: 'my-service',
      },
      {
        annotation: 'github.com/project-slug',
        brings: 'GitHub deployment statuses',
        example: 'acme/my-service',
      },
      {
        annotation: 'gitlab.com/project-slug',
        brings: 'GitLab deployments',
        example: 'acme/my-service',
      },
    ],
    ingestPath: 'ingest/deployments',
    exampleBody: (entityRef, now) => ({
      deployments: [
        {
          id: `deploy-${now.getTime()}`,
          entityRef,
          environment: 'production',
          revision: '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
          version: '1.0.0',
          strategy: 'canary',
          gitops: true,
          status: 'succeeded',
          startedAt: minutesBefore(now, 10),
          finishedAt: minutesBefore(now, 1),
          commits: [
            {
              sha: '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39',
              committedAt: minutesBefore(now, 120),
            },
          ],
        },
      ],
    }),
  },
  incidents: {
    noun: 'incidents',
    annotations: [
      {
        annotation: 'pagerduty.com/service-id',
        brings: 'PagerDuty incidents',
        example: 'PABC123',
      },
    ],
    ingestPath: 'ingest/incidents',
    exampleBody: (entityRef, now) => ({
      incidents: [
        {
          id: `INC-${now.getTime()}`,
          entityRef,
          title: 'Elevated error rate after release 1.0.0',
          severity: 'sev3',
          status: 'resolved',
          openedAt: minutesBefore(now, 90),
          resolvedAt: minutesBefore(now, 30),
        },
      ],
    }),
  },
};

/** A `curl` that sends the example body to the push API, with the CI token from the environment. */
export function ingestCurlCommand(
  baseUrl: string,
  source: EvidenceSource,
  entityRef: string,
  now: Date,
): string {
  const body = JSON.stringify(source.exampleBody(entityRef, now), null, 2);
  return [
    `curl -X POST '${baseUrl}/${source.ingestPath}' \\`,
    `  -H "Authorization: Bearer $RELEASE_SCORECARD_CI_TOKEN" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${body.replace(/'/g, "'\\''")}'`,
  ].join('\n');
}
