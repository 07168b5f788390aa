export interface Config {
  releaseScorecard?: {
    webhooks?: {
      /** JMeter results uploaded from CI (`POST …/webhooks/jmeter`). */
      jmeter?: {
        /**
         * Bearer token that CI jobs send in `Authorization` with the upload.
         * @visibility secret
         */
        secret: string;
      };
    };
    gates?: {
      'load-test'?: {
        /**
         * The limits a JMeter upload must keep for its gate to pass; the gate
         * fails, and the upload's answer says which limit, when one is exceeded.
         */
        thresholds?: {
          /**
           * Highest 95th percentile response time over all samplers, in
           * milliseconds.
           * @default 500
           */
          p95Ms?: number;
          /**
           * Highest share of failed samples over all samplers, from 0 to 1.
           * @default 0.01
           */
          errorRate?: number;
        };
      };
    };
  };
}
