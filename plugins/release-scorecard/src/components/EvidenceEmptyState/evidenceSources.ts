/*
 * Where each kind of evidence comes from: the catalog annotations that connect
 * a webhook source, and the push API endpoint with a minimal valid body: the
 * required fields only (see the backend's ingest schemas), so that the curl
 * stays a few lines on a page that may show one per kind of evidence.
 */
import { ANNOTATIONS } from '@internal/plugin-release-scorecard-common';

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
        annotation: ANNOTATIONS.githubProjectSlug,
        brings: 'GitHub Actions workflow runs',
        example: 'acme/my-service',
      },
      {
        annotation: ANNOTATIONS.gitlabProjectSlug,
        brings: 'GitLab pipelines',
        example: 'acme/my-service',
      },
      {
        annotation: ANNOTATIONS.sonarQubeProjectKey,
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
          revision: '4f2a9c1',
          startedAt: minutesBefore(now, 15),
          gates: [
            {
              gate: 'unit-tests',
              status: 'passed',
              metrics: { coverage: 0.85 },
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
        annotation: ANNOTATIONS.argoCdAppName,
        brings: 'Argo CD syncs and Argo Rollouts',
        example: 'my-service',
      },
      {
        annotation: ANNOTATIONS.githubProjectSlug,
        brings: 'GitHub deployment statuses',
        example: 'acme/my-service',
      },
      {
        annotation: ANNOTATIONS.gitlabProjectSlug,
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
          revision: '4f2a9c1',
          strategy: 'canary',
          gitops: true,
          status: 'succeeded',
          startedAt: minutesBefore(now, 10),
          finishedAt: minutesBefore(now, 1),
        },
      ],
    }),
  },
  incidents: {
    noun: 'incidents',
    annotations: [
      {
        annotation: ANNOTATIONS.pagerDutyServiceId,
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
          title: 'Elevated error rate',
          severity: 'sev3',
          status: 'open',
          openedAt: minutesBefore(now, 30),
        },
      ],
    }),
  },
};

/**
 * One `curl` that sends the example body to the push API, with the CI token
 * from the environment; the body on one line.
 */
export function ingestCurlCommand(
  baseUrl: string,
  source: EvidenceSource,
  entityRef: string,
  now: Date,
): string {
  const body = JSON.stringify(source.exampleBody(entityRef, now));
  return [
    `curl -X POST '${baseUrl}/${source.ingestPath}' \\`,
    `  -H "Authorization: Bearer $RELEASE_SCORECARD_CI_TOKEN" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${body.replace(/'/g, "'\\''")}'`,
  ].join('\n');
}
