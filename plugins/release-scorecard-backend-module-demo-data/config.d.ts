export interface Config {
  releaseScorecard?: {
    /**
     * Demo history for the catalog entities that opt in with the
     * `release-scorecard.io/demo-profile` annotation. Only entities that
     * carry it ever receive demo records. Never enable it in production.
     */
    demoData?: {
      /**
       * Whether the module seeds anything; installed but off, it does nothing.
       * @default true
       */
      enabled?: boolean;
      /**
       * How many days of history to generate.
       * @default 180
       */
      days?: number;
    };
  };
}
