import { describeBlockers } from './blockers';
import { blockedScorecard } from './__testUtils__/fixtures';

describe('describeBlockers', () => {
  it('names failed and missing gates and failing blocking rules', () => {
    const scorecard = {
      ...blockedScorecard,
      readiness: {
        ...blockedScorecard.readiness,
        blockers: [
          'gate:load-test',
          'gate:security-test',
          'rule:gitops-progressive-delivery',
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
      { kind: 'rule', id: 'retired', text: 'retired' },
    ]);
  });
});
