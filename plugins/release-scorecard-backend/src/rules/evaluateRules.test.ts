import { Entity } from '@backstage/catalog-model';
import fc from 'fast-check';
import {
  RuleDefinition,
  RuleExemption,
  RuleResult,
  ruleCoverageOf,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';
import {
  computeLevel,
  computeScore,
  evaluateRule,
  evaluateScorecard,
} from './evaluateRules';
import { isExemptionActive } from './findActiveExemption';
import { CandidateRun, Facts, ScorecardConfig } from './types';

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', tags: ['java', 'pci'] },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'payments-team',
    system: 'payments',
  },
};

const facts: Facts = {
  'gate.unit-tests.coverage': 0.72,
  'deployment.gitops': true,
  'deployment.strategy': 'rolling',
  'incidents.open.sev1': 0,
};

const NOW = new Date('2026-11-22T12:00:00Z');

function rule(overrides: Partial<RuleDefinition> = {}): RuleDefinition {
  return {
    id: 'coverage',
    title: 'Coverage is at least 80 %',
    severity: 'warning',
    level: 'bronze',
    weight: 1,
    check: { fact: 'gate.unit-tests.coverage', op: 'gte', value: 0.8 },
    ...overrides,
  };
}
const passingCheck = {
  fact: 'deployment.gitops',
  op: 'eq',
  value: true,
} as const;
const failingCheck = {
  fact: 'gate.unit-tests.coverage',
  op: 'gte',
  value: 0.8,
} as const;
const noDataCheck = {
  fact: 'gate.load-test.p95Ms',
  op: 'lte',
  value: 500,
} as const;

function config(overrides: Partial<ScorecardConfig> = {}): ScorecardConfig {
  return {
    levels: ['bronze', 'silver', 'gold'],
    requiredGates: ['unit-tests', 'load-test'],
    rules: [],
    exemptions: [],
    ...overrides,
  };
}

function evaluate(
  options: {
    entity?: Entity;
    facts?: Facts;
    candidateRun?: CandidateRun;
    now?: Date;
  } & Partial<ScorecardConfig>,
) {
  const { entity, facts: withFacts, candidateRun, now, ...rest } = options;
  return evaluateScorecard({
    entity: entity ?? payments,
    facts: withFacts ?? facts,
    candidateRun,
    config: config(rest),
    now: now ?? NOW,
  });
}

describe('evaluateRule', () => {
  it('says what to fix when a rule fails', () => {
    expect(evaluateRule(rule(), { entity: payments, facts })).toEqual({
      id: 'coverage',
      title: 'Coverage is at least 80 %',
      severity: 'warning',
      level: 'bronze',
      weight: 1,
      status: 'fail',
      actual: 0.72,
      facts: ['gate.unit-tests.coverage'],
      expected: 'at least 80%',
      message: 'gate.unit-tests.coverage is 72%; the rule wants at least 80%.',
      exemption: null,
    });
  });

  it('says which data to send when a fact has no data', () => {
    const result = evaluateRule(rule({ check: noDataCheck }), {
      entity: payments,
      facts,
    });
    expect(result.status).toBe('no-data');
    expect(result.actual).toBeNull();
    expect(result.message).toBe(
      'No data for gate.load-test.p95Ms: send load-test results with the p95Ms metric for the release candidate.',
    );
  });

  it('shows each fact of a combination as actual', () => {
    const result = evaluateRule(
      rule({
        check: {
          all: [
            { fact: 'deployment.gitops', op: 'eq', value: true },
            {
              fact: 'deployment.strategy',
              op: 'in',
              value: ['canary', 'blue-green'],
            },
          ],
        },
      }),
      { entity: payments, facts },
    );
    expect(result).toMatchObject({
      status: 'fail',
      actual: { 'deployment.gitops': true, 'deployment.strategy': 'rolling' },
      expected:
        'deployment.gitops is true and deployment.strategy is canary or blue-green',
      message:
        'deployment.strategy is rolling; the rule wants canary or blue-green.',
    });
  });

  it('describes a passing rule with its values', () => {
    const result = evaluateRule(rule({ check: passingCheck }), {
      entity: payments,
      facts,
    });
    expect(result.status).toBe('pass');
    expect(result.message).toBe('Passes: deployment.gitops is true.');
  });
});

describe('appliesTo', () => {
  function statusFor(
    appliesTo: RuleDefinition['appliesTo'],
    entity = payments,
  ) {
    return evaluateRule(rule({ appliesTo }), { entity, facts }).status;
  }

  it('applies to every entity when it is not set', () => {
    expect(statusFor(undefined)).toBe('fail');
  });

  it.each([
    ['kind', { kind: ['component'] }],
    ['kind in another case', { kind: ['COMPONENT'] }],
    ['type', { type: ['website', 'service'] }],
    ['lifecycle', { lifecycle: ['Production'] }],
    ['owner as a full ref', { owner: ['group:default/payments-team'] }],
    ['owner in another case', { owner: ['Group:Default/Payments-Team'] }],
    ['owner as a short ref', { owner: ['payments-team'] }],
    ['system', { system: ['system:default/payments'] }],
    ['any of the tags', { tags: ['go', 'PCI'] }],
    [
      'every field',
      {
        kind: ['component'],
        type: ['service'],
        lifecycle: ['production'],
        owner: ['group:default/payments-team'],
        system: ['payments'],
        tags: ['java'],
      },
    ],
  ])('matches on %s', (_, appliesTo) => {
    expect(statusFor(appliesTo)).toBe('fail');
  });

  it.each([
    ['kind', { kind: ['api'] }],
    ['type', { type: ['website'] }],
    ['owner', { owner: ['group:default/platform-team'] }],
    ['owner kind', { owner: ['user:default/payments-team'] }],
    ['system', { system: ['billing'] }],
    ['tags', { tags: ['go', 'python'] }],
    [
      'one field of several',
      { kind: ['component'], lifecycle: ['experimental'] },
    ],
  ])('does not match another %s', (_, appliesTo) => {
    expect(statusFor(appliesTo)).toBe('not-applicable');
  });

  it("resolves the entity's short owner ref in the entity's namespace", () => {
    const inFinance: Entity = {
      ...payments,
      metadata: { ...payments.metadata, namespace: 'finance' },
    };
    expect(
      statusFor({ owner: ['group:default/payments-team'] }, inFinance),
    ).toBe('not-applicable');
    expect(
      statusFor({ owner: ['group:finance/payments-team'] }, inFinance),
    ).toBe('fail');
  });

  it('says why a rule does not apply', () => {
    const withoutLifecycle: Entity = {
      ...payments,
      spec: { type: 'service' },
    };
    expect(
      evaluateRule(rule({ appliesTo: { lifecycle: ['production'] } }), {
        entity: withoutLifecycle,
        facts,
      }),
    ).toMatchObject({
      status: 'not-applicable',
      actual: null,
      expected: 'at least 80%',
      message:
        'Does not apply. The rule applies to lifecycle production; this entity has no lifecycle.',
    });
    expect(
      evaluateRule(rule({ appliesTo: { type: ['website'] } }), {
        entity: payments,
        facts,
      }).message,
    ).toBe(
      "Does not apply. The rule applies to type website; this entity's type is service.",
    );
  });
});

describe('exemptions', () => {
  const exemption: RuleExemption = {
    entity: 'component:default/payments',
    rule: 'coverage',
    reason: 'Legacy code base',
    expires: '2026-12-31',
  };

  function resultWith(
    exemptions: RuleExemption[],
    now = NOW,
    check: RuleDefinition['check'] = failingCheck,
  ): RuleResult {
    return evaluate({ exemptions, now, rules: [rule({ check })] }).rules[0];
  }

  it('turns a failure into exempt and shows reason and expiry', () => {
    expect(resultWith([exemption])).toMatchObject({
      status: 'exempt',
      exemption: { reason: 'Legacy code base', expires: '2026-12-31' },
      message:
        'Exempt until 2026-12-31: Legacy code base. Without the exemption it would fail: gate.unit-tests.coverage is 72%; the rule wants at least 80%.',
    });
  });

  it('holds forever without an expiry date', () => {
    const { expires, ...forever } = exemption;
    expect(resultWith([forever])).toMatchObject({
      status: 'exempt',
      exemption: { reason: 'Legacy code base' },
    });
  });

  it('is ignored once expired', () => {
    expect(resultWith([{ ...exemption, expires: '2026-11-21' }])).toMatchObject(
      { status: 'fail', exemption: null },
    );
  });

  it('holds through the end of its expiry day in UTC', () => {
    const expiringToday = { ...exemption, expires: '2026-11-22' };
    expect(
      resultWith([expiringToday], new Date('2026-11-22T23:59:59.999Z')).status,
    ).toBe('exempt');
    expect(
      resultWith([expiringToday], new Date('2026-11-23T00:00:00.000Z')).status,
    ).toBe('fail');
  });

  it('matches the entity ref in any case and with the default namespace', () => {
    expect(
      resultWith([{ ...exemption, entity: 'Component:Default/Payments' }])
        .status,
    ).toBe('exempt');
    expect(
      resultWith([{ ...exemption, entity: 'component:payments' }]).status,
    ).toBe('exempt');
  });

  it('only exempts its own entity and rule', () => {
    expect(
      resultWith([{ ...exemption, entity: 'component:default/billing' }])
        .status,
    ).toBe('fail');
    expect(resultWith([{ ...exemption, rule: 'gitops' }]).status).toBe('fail');
  });

  it('picks the longest-lasting of several active exemptions', () => {
    expect(
      resultWith([exemption, { ...exemption, expires: '2027-06-30' }])
        .exemption,
    ).toEqual({ reason: 'Legacy code base', expires: '2027-06-30' });
  });

  it('leaves a passing rule passing, and shows the exemption', () => {
    expect(resultWith([exemption], NOW, passingCheck)).toMatchObject({
      status: 'pass',
      exemption: { reason: 'Legacy code base', expires: '2026-12-31' },
      message:
        'Passes: deployment.gitops is true. The exemption on record is not needed.',
    });
  });

  it('does not turn missing data into exempt', () => {
    expect(resultWith([exemption], NOW, noDataCheck).status).toBe('no-data');
  });

  it('never holds with an unreadable expiry date', () => {
    expect(isExemptionActive({ ...exemption, expires: 'soon' }, NOW)).toBe(
      false,
    );
  });
});

function resultOf(
  status: RuleStatus,
  weight = 1,
  level = 'bronze',
  severity: RuleResult['severity'] = 'warning',
): RuleResult {
  return {
    id: `${status}-${level}-${weight}`,
    title: status,
    severity,
    level,
    weight,
    status,
    facts: [],
    actual: null,
    expected: '',
    message: '',
    exemption: null,
  };
}

describe('computeScore', () => {
  it('weighs pass and exempt against every rule that applies, no-data included', () => {
    // (3 pass + 2 exempt) / (3 + 1 fail + 2 + 5 no data) = 5 / 11: a rule
    // nobody could check is not met.
    expect(
      computeScore([
        resultOf('pass', 3),
        resultOf('fail', 1),
        resultOf('exempt', 2),
        resultOf('no-data', 5),
        resultOf('not-applicable', 4),
      ]),
    ).toBe(45.5);
  });

  it('rounds to one decimal', () => {
    // 2 / 3 = 66.66…
    expect(computeScore([resultOf('pass', 2), resultOf('fail', 1)])).toBe(66.7);
  });

  it('is 100 when everything passes and 0 when everything fails', () => {
    expect(computeScore([resultOf('pass', 2), resultOf('exempt', 1)])).toBe(
      100,
    );
    expect(computeScore([resultOf('fail', 2), resultOf('no-data', 1)])).toBe(0);
  });

  it('is 0 without data and null only when no rule applies', () => {
    expect(
      computeScore([resultOf('no-data', 2), resultOf('not-applicable', 1)]),
    ).toBe(0);
    expect(computeScore([resultOf('not-applicable', 1)])).toBeNull();
    expect(computeScore([])).toBeNull();
  });

  it('never gives a perfect score to a rule set that has no data', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            status: fc.constantFrom(
              'pass',
              'fail',
              'exempt',
              'no-data',
              'not-applicable',
            ) as fc.Arbitrary<RuleStatus>,
            weight: fc.integer({ min: 1, max: 5 }),
          }),
          { maxLength: 12 },
        ),
        results => {
          const score = computeScore(
            results.map(r => resultOf(r.status, r.weight)),
          );
          const coverage = ruleCoverageOf(results.map(r => r.status));
          // Missing data leaves the score below 100; only "nothing applies"
          // has no score.
          expect({
            perfect: score === 100,
            none: score === null,
          }).toEqual({
            perfect:
              coverage.applicable > 0 &&
              coverage.withData === coverage.applicable &&
              results.every(r =>
                ['pass', 'exempt', 'not-applicable'].includes(r.status),
              ),
            none: coverage.applicable === 0,
          });
        },
      ),
    );
  });

  it('is computed by evaluateScorecard from the configured weights', () => {
    const { score } = evaluate({
      rules: [
        rule({ id: 'a', weight: 3, check: passingCheck }),
        rule({ id: 'b', weight: 1, check: failingCheck }),
        rule({ id: 'c', weight: 4, check: noDataCheck }),
      ],
    });
    // 3 ÷ (3 + 1 + 4)
    expect(score).toBe(37.5);
  });
});

describe('computeLevel', () => {
  const levels = ['bronze', 'silver', 'gold'];

  it('is the highest level whose rules and those below all hold', () => {
    expect(
      computeLevel(
        [
          resultOf('pass', 1, 'bronze'),
          resultOf('exempt', 1, 'silver'),
          resultOf('fail', 1, 'gold'),
        ],
        levels,
      ),
    ).toBe('silver');
    expect(
      computeLevel(
        [resultOf('pass', 1, 'bronze'), resultOf('pass', 1, 'gold')],
        levels,
      ),
    ).toBe('gold');
  });

  it('does not reach a level above a failing lower one', () => {
    expect(
      computeLevel(
        [
          resultOf('pass', 1, 'bronze'),
          resultOf('fail', 1, 'silver'),
          resultOf('pass', 1, 'gold'),
        ],
        levels,
      ),
    ).toBe('bronze');
  });

  it('is null when the lowest level is not met', () => {
    expect(
      computeLevel(
        [resultOf('fail', 1, 'bronze'), resultOf('pass', 1, 'silver')],
        levels,
      ),
    ).toBeNull();
  });

  it('does not count missing data as meeting a level', () => {
    expect(
      computeLevel(
        [resultOf('pass', 1, 'bronze'), resultOf('no-data', 1, 'silver')],
        levels,
      ),
    ).toBe('bronze');
  });

  it('ignores rules that do not apply', () => {
    expect(
      computeLevel(
        [
          resultOf('pass', 1, 'bronze'),
          resultOf('not-applicable', 1, 'silver'),
        ],
        levels,
      ),
    ).toBe('gold');
    expect(
      computeLevel([resultOf('not-applicable', 1, 'bronze')], levels),
    ).toBe(null);
  });

  it('follows the configured order of levels', () => {
    expect(
      computeLevel(
        [resultOf('pass', 1, 'basic'), resultOf('fail', 1, 'advanced')],
        ['basic', 'advanced'],
      ),
    ).toBe('basic');
  });

  it('is computed by evaluateScorecard: a failing gold rule keeps silver', () => {
    const { level } = evaluate({
      rules: [
        rule({ id: 'bronze-rule', level: 'bronze', check: passingCheck }),
        rule({ id: 'silver-rule', level: 'silver', check: passingCheck }),
        rule({ id: 'gold-rule', level: 'gold', check: failingCheck }),
      ],
    });
    expect(level).toBe('silver');
  });
});

describe('readiness', () => {
  const run: CandidateRun = {
    id: 'run-42',
    revision: '9f1c2ab',
    version: '1.4.0',
    gates: [
      { gate: 'e2e', status: 'passed' },
      {
        gate: 'load-test',
        status: 'passed',
        metrics: { p95Ms: 240 },
        url: 'https://ci.example.com/42/load',
      },
      { gate: 'unit-tests', status: 'passed', metrics: { coverage: 0.86 } },
    ],
  };
  const blockingRule = rule({
    id: 'gitops',
    severity: 'blocking',
    check: passingCheck,
  });

  it('is unknown without a pipeline run', () => {
    expect(
      evaluate({ rules: [rule({ severity: 'blocking' })] }).readiness,
    ).toEqual({ status: 'unknown', gates: [], blockers: [] });
  });

  it('is ready when every required gate passed and blocking rules pass', () => {
    expect(
      evaluate({ candidateRun: run, rules: [blockingRule] }).readiness,
    ).toEqual({
      status: 'ready',
      revision: '9f1c2ab',
      version: '1.4.0',
      pipelineRunId: 'run-42',
      gates: [
        {
          gate: 'unit-tests',
          status: 'passed',
          required: true,
          metrics: { coverage: 0.86 },
        },
        {
          gate: 'load-test',
          status: 'passed',
          required: true,
          metrics: { p95Ms: 240 },
          url: 'https://ci.example.com/42/load',
        },
        { gate: 'e2e', status: 'passed', required: false },
      ],
      blockers: [],
    });
  });

  it('is blocked by a required gate that failed or was skipped', () => {
    const readiness = evaluate({
      candidateRun: {
        ...run,
        gates: [
          { gate: 'unit-tests', status: 'skipped' },
          { gate: 'load-test', status: 'failed' },
        ],
      },
    }).readiness;
    expect(readiness.status).toBe('blocked');
    expect(readiness.blockers).toEqual(['gate:unit-tests', 'gate:load-test']);
  });

  it('is not blocked by a failed gate that is not required', () => {
    const readiness = evaluate({
      candidateRun: {
        ...run,
        gates: [...run.gates, { gate: 'lint', status: 'failed' }],
      },
    }).readiness;
    expect(readiness.status).toBe('ready');
  });

  it('is blocked by a missing required gate, listed as missing', () => {
    const readiness = evaluate({
      candidateRun: {
        ...run,
        gates: [{ gate: 'unit-tests', status: 'passed' }],
      },
    }).readiness;
    expect(readiness.status).toBe('blocked');
    expect(readiness.blockers).toEqual(['gate:load-test']);
    expect(readiness.gates).toEqual([
      { gate: 'unit-tests', status: 'passed', required: true },
      { gate: 'load-test', status: 'missing', required: true },
    ]);
  });

  it('counts the last report of a gate that ran twice', () => {
    const readiness = evaluate({
      candidateRun: {
        ...run,
        gates: [
          ...run.gates,
          {
            gate: 'load-test',
            status: 'failed',
            metrics: { p95Ms: 812 },
          },
        ],
      },
    }).readiness;
    expect(readiness.blockers).toEqual(['gate:load-test']);
    expect(readiness.gates.filter(gate => gate.gate === 'load-test')).toEqual([
      {
        gate: 'load-test',
        status: 'failed',
        required: true,
        metrics: { p95Ms: 812 },
      },
    ]);
  });

  it('is blocked by a failing or data-less blocking rule, not by a warning', () => {
    const readiness = evaluate({
      candidateRun: run,
      rules: [
        blockingRule,
        rule({ id: 'coverage', severity: 'blocking', check: failingCheck }),
        rule({ id: 'latency', severity: 'blocking', check: noDataCheck }),
        rule({ id: 'advice', severity: 'warning', check: failingCheck }),
      ],
    }).readiness;
    expect(readiness.status).toBe('blocked');
    expect(readiness.blockers).toEqual(['rule:coverage', 'rule:latency']);
  });

  it('lists gate blockers before rule blockers', () => {
    expect(
      evaluate({
        candidateRun: { ...run, gates: [] },
        requiredGates: ['unit-tests'],
        rules: [rule({ id: 'coverage', severity: 'blocking' })],
      }).readiness.blockers,
    ).toEqual(['gate:unit-tests', 'rule:coverage']);
  });

  it('is not blocked by an exempt blocking rule', () => {
    const readiness = evaluate({
      candidateRun: run,
      rules: [rule({ id: 'coverage', severity: 'blocking' })],
      exemptions: [
        {
          entity: 'component:default/payments',
          rule: 'coverage',
          reason: 'Legacy code base',
        },
      ],
    }).readiness;
    expect(readiness).toMatchObject({ status: 'ready', blockers: [] });
  });

  it('is not blocked by a blocking rule that does not apply', () => {
    const readiness = evaluate({
      candidateRun: run,
      rules: [
        rule({
          id: 'coverage',
          severity: 'blocking',
          appliesTo: { lifecycle: ['experimental'] },
        }),
      ],
    }).readiness;
    expect(readiness.status).toBe('ready');
  });

  it('requires no gate when none is configured', () => {
    expect(
      evaluate({ candidateRun: { ...run, gates: [] }, requiredGates: [] })
        .readiness,
    ).toMatchObject({ status: 'ready', gates: [], blockers: [] });
  });
});
