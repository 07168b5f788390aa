/*
 * What actually reports gates and their metrics: the registered webhook
 * sources with their documented deliveries, the demo data and the
 * benchmark's synthetic organisation. Tests compare configuration and
 * WELL_KNOWN_GATES with it.
 */
import { ConfigReader } from '@backstage/config';
import { PipelineGate } from '@internal/plugin-release-scorecard-common';
import {
  buildOrganisation,
  serviceHistory,
  SMALL_SCALE,
} from '../../bench/syntheticOrganisation';
import {
  DEFAULT_DEMO_PROFILE,
  DEMO_PROFILES,
  DemoProfile,
  generateDemoHistory,
} from '@internal/plugin-release-scorecard-backend-module-demo-data';
import { BUILT_IN_WEBHOOK_SOURCES } from '../webhooks/sources';
import { validWebhookDelivery, WebhookSourceName } from './webhookDeliveries';

export type GateOutput = Pick<PipelineGate, 'gate' | 'metrics'>;

/**
 * The gates of upload sources other than their default, as
 * docs/webhooks.md documents them: JUnit and Cobertura for one test job,
 * Trivy for a filesystem or dependency scan.
 */
const DOCUMENTED_UPLOAD_GATES: Record<string, string[]> = {
  junit: ['functional-tests'],
  cobertura: ['functional-tests'],
  trivy: ['security-test'],
};

/** What every registered webhook source reports for its documented deliveries. */
export function webhookSourceGates(): GateOutput[] {
  return BUILT_IN_WEBHOOK_SOURCES.flatMap(source => {
    const delivery = validWebhookDelivery(source.name as WebhookSourceName);
    const queries = [
      delivery.query,
      ...(DOCUMENTED_UPLOAD_GATES[source.name] ?? []).map(gate => ({
        ...delivery.query,
        gate,
      })),
    ];
    return queries.flatMap(query => {
      const result = source.map(
        {
          headers: Object.fromEntries(
            Object.entries(delivery.headers ?? {}).map(([name, value]) => [
              name.toLowerCase(),
              value,
            ]),
          ),
          rawBody: delivery.body,
          query: query ?? {},
        },
        new ConfigReader({}),
      );
      if (result.kind !== 'event') {
        return [];
      }
      return [
        ...(result.event.gateReports ?? []),
        ...(result.event.pipelineRuns ?? []).flatMap(run => run.gates),
      ];
    });
  });
}

const DEMO_TO = Date.parse('2026-11-22T12:00:00Z');
const DAY_MS = 86_400_000;

/** The gates of the demo data of every profile, troubled and untroubled. */
export function demoGates(): GateOutput[] {
  const profiles: Array<[string, DemoProfile]> = [
    ...Object.entries(DEMO_PROFILES).flatMap(([name, profile]) => [
      [name, profile] as [string, DemoProfile],
    ]),
    ['other-service', DEFAULT_DEMO_PROFILE],
  ];
  return profiles.flatMap(([name, profile]) =>
    [false, true].flatMap(untroubled =>
      generateDemoHistory({
        entityRef: `component:default/${name}`,
        name,
        profile,
        from: DEMO_TO - 30 * DAY_MS,
        to: DEMO_TO,
        untroubled,
      }).runs.flatMap(run => run.gates),
    ),
  );
}

/** The gates of the benchmark's synthetic organisation at small scale. */
export function benchmarkGates(): GateOutput[] {
  return buildOrganisation(SMALL_SCALE).services.flatMap((service, index) =>
    serviceHistory(service, index, SMALL_SCALE, DEMO_TO).runs.flatMap(
      run => run.gates,
    ),
  );
}
