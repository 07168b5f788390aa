import { DEMO_PROFILES, DemoProfile } from './demoProfiles';
import { generateDemoHistory } from './generateDemoHistory';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-22T12:00:00Z');
const checkout = DEMO_PROFILES['checkout-service'] as DemoProfile;

const history = (
  options: Partial<Parameters<typeof generateDemoHistory>[0]> = {},
) =>
  generateDemoHistory({
    entityRef: 'component:default/checkout-service',
    name: 'checkout-service',
    profile: checkout,
    from: NOW - 90 * DAY,
    to: NOW,
    ...options,
  });

describe('generateDemoHistory', () => {
  it('generates the same records for the same days, whatever the window', () => {
    const long = history({ from: NOW - 90 * DAY });
    const short = history({ from: NOW - 30 * DAY });
    const recent = (ids: string[]) =>
      ids.filter(id => id > 'checkout-service-2026-11-01');
    expect(recent(short.deployments.map(d => d.id))).toEqual(
      recent(long.deployments.map(d => d.id)),
    );
    expect(short.deployments.slice(-3)).toEqual(long.deployments.slice(-3));
    expect(new Set(long.deployments.map(d => d.id)).size).toBe(
      long.deployments.length,
    );
  });

  it('fails the candidate gates the profile names, unless asked for the untroubled past', () => {
    const candidate = (runs: ReturnType<typeof history>['runs']) =>
      runs[runs.length - 1];
    const now = candidate(history().runs);
    expect(now.gates.find(gate => gate.gate === 'load-test')?.status).toBe(
      'failed',
    );
    const weekAgo = candidate(
      history({ to: NOW - 7 * DAY, untroubled: true }).runs,
    );
    expect(weekAgo.gates.every(gate => gate.status === 'passed')).toBe(true);
  });
});
