import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { describeCustomGates } from './describeCustomGates';
import { readScorecardConfig } from './readScorecardConfig';

function describeFor(releaseScorecard: JsonObject) {
  return describeCustomGates(
    readScorecardConfig(new ConfigReader({ releaseScorecard })),
  );
}

describe('describeCustomGates', () => {
  it('names each gate of ones own with the rules and settings that expect it', () => {
    expect(
      describeFor({
        readiness: { requiredGates: ['unit-tests', 'e2e'] },
        rules: [
          {
            id: 'e2e-passes',
            title: 'End-to-end tests pass',
            check: {
              all: [
                { fact: 'gate.e2e.status', op: 'eq', value: 'passed' },
                { fact: 'gate.unit-tests.coverage', op: 'gte', value: 0.8 },
                {
                  not: { fact: 'gate.e2e.status', op: 'eq', value: 'skipped' },
                },
              ],
            },
          },
          {
            id: 'mutation-score',
            title: 'Mutation score of at least 60 %',
            check: {
              any: [
                { fact: 'gate.mutation-tests.score', op: 'gte', value: 0.6 },
                { fact: 'gate.e2e.flakyTests', op: 'eq', value: 0 },
              ],
            },
          },
        ],
      }),
    ).toBe(
      'Rules expect gates that are not well-known, so no built-in source reports them unless told to: ' +
        'e2e (gate.e2e.status in rule e2e-passes, gate.e2e.flakyTests in rule mutation-score, readiness.requiredGates); ' +
        'mutation-tests (gate.mutation-tests.score in rule mutation-score). ' +
        'Send them with the push API (POST /api/release-scorecard/ingest/pipelines), or give a GitHub workflow, a GitLab job or a report upload (?gate=) that name.',
    );
  });

  it('says nothing when the rules and readiness expect well-known gates only', () => {
    expect(
      describeFor({
        readiness: { requiredGates: ['unit-tests', 'load-test'] },
        rules: [
          {
            id: 'coverage',
            title: 'Coverage of at least 80 %',
            check: { fact: 'gate.unit-tests.coverage', op: 'gte', value: 0.8 },
          },
          {
            id: 'gitops',
            title: 'GitOps',
            check: { fact: 'deployment.gitops', op: 'eq', value: true },
          },
        ],
      }),
    ).toBeUndefined();
    expect(describeFor({})).toBeUndefined();
  });
});
