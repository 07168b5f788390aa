export interface Config {
  /** Configuration of the Release Scorecard plugins. */
  releaseScorecard?: {
    /**
     * Environment names that count as production for DORA metrics and
     * deployment facts. Compared case-insensitively.
     * @default ["production", "prod"]
     */
    productionEnvironments?: string[];

    /**
     * How long stored records are kept, in days; a scheduled task removes older
     * ones.
     * @default 400
     */
    retentionDays?: number;

    /** Limits of the push API and webhooks. */
    ingest?: {
      /**
       * Most records accepted in one push batch.
       * @default 1000
       */
      maxBatchSize?: number;
      /**
       * Largest request body accepted, e.g. `5mb`.
       * @default 5mb
       */
      maxBodySize?: string;
      /**
       * Times a record may carry (startedAt, committedAt, openedAt, …); others
       * are refused with a 400 that names the field.
       */
      acceptedTimes?: {
        /**
         * The earliest time accepted, an ISO 8601 date or date-time.
         * @default 2000-01-01
         */
        earliest?: string;
        /**
         * How far ahead of the backend's clock a time may be, in hours.
         * @default 24
         */
        maxFutureHours?: number;
      };
    };

    /**
     * Native webhooks. A source is enabled only when its secret is set; the
     * request must be signed (or carry the token) the way the tool does it.
     */
    webhooks?: {
      argocd?: {
        /**
         * Bearer token Argo CD notifications send in `Authorization`.
         * @visibility secret
         */
        secret: string;
      };
      github?: {
        /**
         * Webhook secret used for `X-Hub-Signature-256`.
         * @visibility secret
         */
        secret: string;
        /**
         * Maps workflow names to gate names, e.g. `{ "Load test": "load-test" }`.
         * Workflows not listed become a gate named after the workflow, in kebab case.
         */
        workflowGates?: { [workflowName: string]: string };
      };
      gitlab?: {
        /**
         * Secret token GitLab sends in `X-Gitlab-Token`.
         * @visibility secret
         */
        secret: string;
      };
      pagerduty?: {
        /**
         * Webhook subscription secret used for `X-PagerDuty-Signature`.
         * @visibility secret
         */
        secret: string;
      };
      sonarqube?: {
        /**
         * Webhook secret used for `X-Sonar-Webhook-HMAC-SHA256`.
         * @visibility secret
         */
        secret: string;
      };
      trivy?: {
        /**
         * Bearer token for uploading Trivy JSON reports.
         * @visibility secret
         */
        secret: string;
      };
      junit?: {
        /**
         * Bearer token for uploading JUnit XML reports.
         * @visibility secret
         */
        secret: string;
      };
      cobertura?: {
        /**
         * Bearer token for uploading Cobertura XML coverage reports.
         * @visibility secret
         */
        secret: string;
      };
    };

    /** DORA metrics. */
    dora?: {
      /**
       * Default window, in days.
       * @default 90
       */
      windowDays?: number;
      /**
       * How long after a deployment an incident without a deployment id is
       * still attributed to it, in hours.
       * @default 24
       */
      attributionWindowHours?: number;
      /** Tier thresholds; each defaults to the 2023 State of DevOps profile. */
      tiers?: {
        /** Name shown as the profile. @default 2023 */
        profile?: string;
        deploymentFrequency?: {
          /** Deployments per week at or above which the tier is elite. @default 7 */
          elitePerWeek?: number;
          /** @default 1 */
          highPerWeek?: number;
          /** Deployments per 30 days at or above which the tier is medium. @default 1 */
          mediumPer30Days?: number;
        };
        leadTime?: {
          /** Median lead time below which the tier is elite, in hours. @default 24 */
          eliteHours?: number;
          /** @default 168 */
          highHours?: number;
          /** @default 720 */
          mediumHours?: number;
        };
        changeFailureRate?: {
          /** Rate at or below which the tier is elite (0..1). @default 0.05 */
          elite?: number;
          /** @default 0.10 */
          high?: number;
          /** @default 0.15 */
          medium?: number;
        };
        recoveryTime?: {
          /** Median recovery time below which the tier is elite, in hours. @default 1 */
          eliteHours?: number;
          /** @default 24 */
          highHours?: number;
          /** @default 168 */
          mediumHours?: number;
        };
      };
    };

    /** Scorecard levels, lowest first. @default ["bronze", "silver", "gold"] */
    levels?: string[];

    /** Release readiness of the release candidate. */
    readiness?: {
      /**
       * Gates that must pass for the candidate to be ready.
       * @default ["unit-tests", "static-analysis", "container-scan", "functional-tests", "load-test", "security-test"]
       */
      requiredGates?: string[];
    };

    /** Scorecard rules (see the README for the condition language). */
    rules?: Array<{
      id: string;
      title: string;
      description?: string;
      /** @default warning */
      severity?: 'blocking' | 'warning';
      level?: string;
      /** @default 1 */
      weight?: number;
      appliesTo?: {
        kind?: string[];
        type?: string[];
        lifecycle?: string[];
        owner?: string[];
        system?: string[];
        tags?: string[];
      };
      /** A condition: `{ fact, op, value }`, or `all` / `any` / `not` of conditions. */
      check: any;
    }>;

    /** Time-boxed exemptions of one entity from one rule. */
    exemptions?: Array<{
      entity: string;
      rule: string;
      reason: string;
      /** ISO date, inclusive. */
      expires?: string;
    }>;

    /** When scorecards are re-evaluated besides on new data. */
    evaluation?: {
      /**
       * Catalog kinds that get scorecards.
       * @default ["component"]
       */
      kinds?: string[];
      /**
       * Schedule of the full re-evaluation (time windows slide).
       * @default { hours: 1 }
       */
      schedule?: { [key: string]: any };
    };

    /** Feature flag providers polled on a schedule. */
    flags?: {
      /** Lifetimes of temporary flags per type, in days; `0` means never stale. */
      lifetimesDays?: {
        /** @default 40 */
        release?: number;
        /** @default 40 */
        experiment?: number;
        /** @default 7 */
        operational?: number;
        /** @default 0 */
        'kill-switch'?: number;
        /** @default 0 */
        permission?: number;
      };
      unleash?: {
        /** Base URL of the Unleash server, e.g. https://unleash.example.com/api. */
        baseUrl: string;
        /**
         * Admin API token.
         * @visibility secret
         */
        token: string;
        /** @default { minutes: 10 } */
        schedule?: { [key: string]: any };
        /** Link to the flag in the Unleash UI; `{project}` and `{key}` are replaced. */
        flagUrlTemplate?: string;
      };
      launchdarkly?: {
        /** @default https://app.launchdarkly.com */
        baseUrl?: string;
        /**
         * API access token.
         * @visibility secret
         */
        token: string;
        /** @default { minutes: 10 } */
        schedule?: { [key: string]: any };
      };
      flagsmith?: {
        /** @default https://api.flagsmith.com */
        baseUrl?: string;
        /**
         * Organisation API token (`Api-Key`).
         * @visibility secret
         */
        token: string;
        /** @default { minutes: 10 } */
        schedule?: { [key: string]: any };
      };
    };
  };
}
