import { blockedHeadline, describeBlockers } from './blockers';
import { blockedScorecard, ruleResult } from './__testUtils__/fixtures';

describe('describeBlockers', () => {
  it('names failed and missing gates and failing blocking rules', () => {
    const scorecard = {
      ...blockedScorecard,
      rules: [
        ...blockedScorecard.rules,
        ruleResult({
          id: 'no-open-sev1',
          title: 'No open sev1 incident',
          severity: 'blocking',
          status: 'no-data',
        }),
      ],
      readiness: {
        ...blockedScorecard.readiness,
        blockers: [
          'gate:load-test',
          'gate:security-test',
          'rule:gitops-progressive-delivery',
          'rule:no-open-sev1',
          'rule:retired',
        ],
      },
    };
    expect(describeBlockers(scorecard)).toEqual([
      { kind: 'gate', id: 'load-test', text: 'Load test failed' },
      { kind: 'gate', id: 'security-test', text: 'Security test missing' },
      {
        kind: 'rule',
        id: 'gitops-progressive-delivery',
        text: 'Deploys through GitOps with a canary or blue/green strategy',
      },
      {
        kind: 'rule',
        id: 'no-open-sev1',
        text: 'No open sev1 incident',
        reason: 'has no data',
      },
      { kind: 'rule', id: 'retired', text: 'retired' },
    ]);
  });
});

describe('blockedHeadline', () => {
  it('says whether one blocker is a required gate or a blocking rule', () => {
    expect(
      blockedHeadline([
        { kind: 'gate', id: 'load-test', text: 'Load test failed' },
      ]),
    ).toBe('Blocked by a required gate: Load test failed');
    expect(
      blockedHeadline([
        {
          kind: 'rule',
          id: 'no-open-sev1',
          text: 'No open sev1 incident',
          reason: 'fails',
        },
      ]),
    ).toBe('Blocked by a blocking rule: No open sev1 incident (fails)');
  });

  it('counts several blockers', () => {
    expect(
      blockedHeadline([
        { kind: 'gate', id: 'a', text: 'A failed' },
        { kind: 'rule', id: 'b', text: 'B' },
      ]),
    ).toBe('Blocked by 2 problems');
  });
});
