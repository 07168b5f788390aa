import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import {
  editDistance,
  FACT_PATTERNS,
  FIXED_FACTS,
  WELL_KNOWN_GATES,
} from '@internal/plugin-release-scorecard-common';
import fc from 'fast-check';
import fs from 'fs';
import path from 'path';
// `yaml` (the parser Backstage's config loader uses) is hoisted in the
// workspace but not yet a devDependency of this package.
import { parse as parseYaml } from 'yaml';
import { evaluateScorecard } from './evaluateRules';
import {
  DEFAULT_REQUIRED_GATES,
  readScorecardConfig,
} from './readScorecardConfig';

function read(releaseScorecard: JsonObject) {
  return readScorecardConfig(new ConfigReader({ releaseScorecard }));
}

const validRule = {
  id: 'coverage',
  title: 'Coverage is at least 80 %',
  check: { fact: 'gate.unit-tests.coverage', op: 'gte', value: 0.8 },
};

/** The problem lines of the error that `read` throws, without the heading. */
function problemsOf(releaseScorecard: JsonObject): string[] {
  try {
    read(releaseScorecard);
  } catch (error) {
    return (error as Error).message.split('\n').slice(1);
  }
  throw new Error('Expected the configuration to be refused');
}

function problemsOfRule(rule: JsonObject): string[] {
  return problemsOf({ rules: [validRule, rule] });
}

/** `text` with one character inserted, deleted, replaced or swapped with the next. */
function editOnce(
  text: string,
  edit: 'insert' | 'delete' | 'replace' | 'swap',
  at: number,
  char: string,
): string {
  const i = at % (edit === 'insert' ? text.length + 1 : text.length);
  switch (edit) {
    case 'insert':
      return text.slice(0, i) + char + text.slice(i);
    case 'delete':
      return text.slice(0, i) + text.slice(i + 1);
    case 'replace':
      return text.slice(0, i) + char + text.slice(i + 1);
    default: {
      const j = Math.min(i, text.length - 2);
      return text.slice(0, j) + text[j + 1] + text[j] + text.slice(j + 2);
    }
  }
}

describe('readScorecardConfig', () => {
  describe('defaults', () => {
    it('has three levels, the six well-known gates and no rules', () => {
      expect(readScorecardConfig(new ConfigReader({}))).toEqual({
        levels: ['bronze', 'silver', 'gold'],
        requiredGates: [
          'unit-tests',
          'static-analysis',
          'container-scan',
          'functional-tests',
          'load-test',
          'security-test',
        ],
        rules: [],
        exemptions: [],
      });
    });

    it('gives a rule severity warning, weight 1 and the lowest level', () => {
      expect(
        read({ levels: ['basic', 'advanced'], rules: [validRule] }),
      ).toEqual({
        levels: ['basic', 'advanced'],
        requiredGates: DEFAULT_REQUIRED_GATES,
        rules: [
          { ...validRule, severity: 'warning', weight: 1, level: 'basic' },
        ],
        exemptions: [],
      });
    });

    it('keeps what is configured', () => {
      const config = read({
        readiness: { requiredGates: ['unit-tests'] },
        rules: [
          {
            ...validRule,
            description: 'Why it matters',
            severity: 'blocking',
            level: 'gold',
            weight: 2.5,
            appliesTo: { kind: ['Component'], tags: ['java'] },
          },
        ],
      });
      expect(config.requiredGates).toEqual(['unit-tests']);
      expect(config.rules[0]).toEqual({
        ...validRule,
        description: 'Why it matters',
        severity: 'blocking',
        level: 'gold',
        weight: 2.5,
        appliesTo: { kind: ['Component'], tags: ['java'] },
      });
    });

    it('normalizes owner, system and exemption entity refs', () => {
      const config = read({
        rules: [
          {
            ...validRule,
            appliesTo: {
              owner: ['payments-team', 'User:Default/JDoe'],
              system: ['payments'],
            },
          },
        ],
        exemptions: [
          {
            entity: 'Component:Legacy-Billing',
            rule: 'coverage',
            reason: 'Legacy',
          },
        ],
      });
      expect(config.rules[0].appliesTo).toEqual({
        owner: ['group:default/payments-team', 'user:default/jdoe'],
        system: ['system:default/payments'],
      });
      expect(config.exemptions).toEqual([
        {
          entity: 'component:default/legacy-billing',
          rule: 'coverage',
          reason: 'Legacy',
        },
      ]);
    });
  });

  describe('the default rules fixture', () => {
    const yaml = fs.readFileSync(
      path.join(__dirname, '__fixtures__', 'defaultRules.yaml'),
      'utf8',
    );
    const config = readScorecardConfig(new ConfigReader(parseYaml(yaml)));

    it('parses with its levels, gates, rules and exemptions', () => {
      expect(config.levels).toEqual(['bronze', 'silver', 'gold']);
      expect(config.requiredGates).toEqual(DEFAULT_REQUIRED_GATES);
      expect(config.rules.map(rule => rule.id)).toEqual([
        'no-critical-vulnerabilities',
        'no-open-sev1',
        'security-test-passes',
        'gitops-progressive-delivery',
        'unit-test-coverage',
        'load-test-passes',
        'static-analysis-reliability',
        'few-stale-flags',
        'change-failure-rate',
        'recovery-time',
        'deployed-recently',
      ]);
      expect(
        config.rules.find(rule => rule.id === 'gitops-progressive-delivery'),
      ).toMatchObject({
        severity: 'blocking',
        level: 'silver',
        weight: 3,
        appliesTo: {
          kind: ['component'],
          type: ['service'],
          lifecycle: ['production'],
        },
      });
      expect(config.exemptions.map(exemption => exemption.expires)).toEqual([
        '2027-03-31',
        '2027-06-30',
      ]);
    });

    it('exempts legacy-billing from GitOps, which blocks any other service', () => {
      const service = (name: string): Entity => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name },
        spec: { type: 'service', lifecycle: 'production', owner: 'billing' },
      });
      const facts = {
        'gate.container-scan.critical': 0,
        'gate.security-test.critical': 0,
        'gate.security-test.status': 'passed',
        'incidents.open.sev1': 0,
        'deployment.gitops': false,
        'deployment.strategy': 'rolling',
        'deployment.ageDays': 3,
        'gate.unit-tests.coverage': 0.9,
        'gate.load-test.status': 'passed',
        'gate.static-analysis.reliabilityRating': 1,
        'dora.changeFailureRate': 0.05,
      };
      const candidateRun = {
        id: 'run-1',
        revision: 'abc123',
        gates: DEFAULT_REQUIRED_GATES.map(gate => ({
          gate,
          status: 'passed' as const,
        })),
      };
      const now = new Date('2026-11-22T12:00:00Z');

      const legacy = evaluateScorecard({
        entity: service('legacy-billing'),
        facts,
        candidateRun,
        config,
        now,
      });
      expect(
        legacy.rules.find(rule => rule.id === 'gitops-progressive-delivery')
          ?.status,
      ).toBe('exempt');
      expect(legacy.readiness.status).toBe('ready');
      expect(legacy.score).toBe(100);
      expect(legacy.level).toBe('gold');

      const other = evaluateScorecard({
        entity: service('payments'),
        facts,
        candidateRun,
        config,
        now,
      });
      expect(other.readiness.blockers).toEqual([
        'rule:gitops-progressive-delivery',
      ]);
      expect(other.level).toBe('bronze');
    });
  });

  describe('stops with a message that names the rule and the field', () => {
    it('for a misspelt fact', () => {
      expect(
        problemsOfRule({
          id: 'gitops',
          title: 'GitOps',
          check: { fact: 'deployment.gitop', op: 'eq', value: true },
        }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'gitops') check.fact: unknown fact 'deployment.gitop' (did you mean 'deployment.gitops'?); GET /api/release-scorecard/rules/facts lists the facts",
      ]);
    });

    it('for an unknown operator', () => {
      expect(
        problemsOfRule({
          ...validRule,
          id: 'cov',
          check: { fact: 'gate.unit-tests.coverage', op: 'gtee', value: 0.8 },
        }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'cov') check.op: unknown operator 'gtee' (did you mean 'gte'?); use one of eq, ne, gt, gte, lt, lte, in, notIn, exists",
      ]);
    });

    it('for a level that is not configured', () => {
      expect(
        problemsOfRule({ ...validRule, id: 'cov', level: 'platinum' }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'cov') level: unknown level 'platinum'; releaseScorecard.levels has bronze, silver, gold",
      ]);
      expect(
        problemsOf({
          levels: ['basic'],
          rules: [{ ...validRule, level: 'silver' }],
        }),
      ).toEqual([
        "- releaseScorecard.rules[0] (rule 'coverage') level: unknown level 'silver'; releaseScorecard.levels has basic",
      ]);
    });

    it('for an unknown severity', () => {
      expect(
        problemsOfRule({ ...validRule, id: 'cov', severity: 'blockng' }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'cov') severity: unknown severity 'blockng' (did you mean 'blocking'?); use blocking or warning",
      ]);
    });

    it('for a duplicate rule id', () => {
      expect(problemsOfRule(validRule)).toEqual([
        "- releaseScorecard.rules[1] (rule 'coverage') id: duplicate; releaseScorecard.rules[0] has the same id",
      ]);
    });

    it('for a rule without id, by its index', () => {
      const { id, ...ruleWithoutId } = validRule;
      expect(problemsOfRule(ruleWithoutId)).toEqual([
        '- releaseScorecard.rules[1] (rule #1, which has no id) id: missing; every rule needs a unique id',
      ]);
    });

    it('for a missing title or check', () => {
      expect(problemsOfRule({ id: 'empty' })).toEqual([
        "- releaseScorecard.rules[1] (rule 'empty') title: missing; give a sentence that says what the rule wants",
        "- releaseScorecard.rules[1] (rule 'empty') check: missing; give a condition such as { fact: gate.unit-tests.coverage, op: gte, value: 0.8 }",
      ]);
    });

    it('for a misspelt rule field', () => {
      expect(
        problemsOfRule({ ...validRule, id: 'cov', serverity: 'blocking' }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'cov') serverity: unknown field (did you mean 'severity'?); a rule has id, title, description, severity, level, weight, appliesTo, check",
      ]);
    });

    it('for a missing value', () => {
      expect(
        problemsOfRule({
          ...validRule,
          id: 'cov',
          check: { fact: 'gate.unit-tests.coverage', op: 'gte' },
        }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'cov') check.value: missing; operator 'gte' needs a value",
      ]);
    });

    it('but not for exists without a value', () => {
      expect(
        read({
          rules: [
            {
              ...validRule,
              check: {
                fact: 'entity.annotations.pagerduty.com/service-id',
                op: 'exists',
              },
            },
          ],
        }).rules[0].check,
      ).toEqual({
        fact: 'entity.annotations.pagerduty.com/service-id',
        op: 'exists',
      });
    });

    it('for in or notIn without a list', () => {
      expect(
        problemsOfRule({
          ...validRule,
          id: 'strategy',
          check: {
            any: [
              { fact: 'deployment.strategy', op: 'in', value: 'canary' },
              { fact: 'deployment.strategy', op: 'notIn', value: [] },
            ],
          },
        }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'strategy') check.any[0].value: operator 'in' needs a non-empty list such as [canary, blue-green], got the string 'canary'",
        "- releaseScorecard.rules[1] (rule 'strategy') check.any[1].value: operator 'notIn' needs a non-empty list such as [canary, blue-green], got an empty list",
      ]);
    });

    it('for a comparison of a number fact with something else than a number', () => {
      expect(
        problemsOfRule({
          ...validRule,
          id: 'cov',
          check: { fact: 'gate.unit-tests.coverage', op: 'gte', value: '0.8' },
        }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'cov') check.value: operator 'gte' needs a number, got the string '0.8'",
      ]);
    });

    it('for an ordering operator on a fact that is not a number', () => {
      expect(
        problemsOfRule({
          ...validRule,
          id: 'tier',
          check: { fact: 'dora.tier', op: 'lt', value: 2 },
        }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'tier') check.op: operator 'lt' compares numbers, but fact 'dora.tier' is a string; use eq, ne, in or notIn",
      ]);
    });

    it('for a value of the wrong type', () => {
      expect(
        problemsOfRule({
          ...validRule,
          id: 'gitops',
          check: {
            all: [
              { fact: 'deployment.gitops', op: 'eq', value: 'true' },
              { fact: 'entity.tags', op: 'in', value: ['java', 1] },
              { fact: 'deployment.gitops', op: 'in', value: [true] },
              { fact: 'deployment.strategy', op: 'eq', value: ['canary'] },
            ],
          },
        }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'gitops') check.all[0].value: fact 'deployment.gitops' is a boolean, so the value must be a boolean, got the string 'true'",
        "- releaseScorecard.rules[1] (rule 'gitops') check.all[1].value[1]: fact 'entity.tags' is a string[], so each value must be a string, got the number 1",
        "- releaseScorecard.rules[1] (rule 'gitops') check.all[2].op: operator 'in' does not apply to the boolean fact 'deployment.gitops'; use eq",
        "- releaseScorecard.rules[1] (rule 'gitops') check.all[3].value: operator 'eq' compares with one value, got a list; use in or notIn for a list",
      ]);
    });

    it('for a malformed condition', () => {
      expect(
        problemsOfRule({
          ...validRule,
          id: 'shape',
          check: {
            all: [
              { fact: 'flags.stale', op: 'lte', values: 3 },
              { any: [] },
              { all: [validRule.check], any: [validRule.check] },
              { some: [validRule.check] },
              {},
              { not: 'flags.stale' },
            ],
          },
        }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'shape') check.all[0].values: unknown field (did you mean 'value'?); a fact condition has fact, op, value",
        "- releaseScorecard.rules[1] (rule 'shape') check.all[0].value: missing; operator 'lte' needs a value",
        "- releaseScorecard.rules[1] (rule 'shape') check.all[1].any: must be a non-empty list of conditions, got an empty list",
        "- releaseScorecard.rules[1] (rule 'shape') check.all[2]: has both all and any; use one of all, any, not per condition and nest them",
        "- releaseScorecard.rules[1] (rule 'shape') check.all[3].some: unknown field; a condition is { fact, op, value } or has one of all, any, not",
        "- releaseScorecard.rules[1] (rule 'shape') check.all[4]: is empty; a condition is { fact, op, value } or has one of all, any, not",
        "- releaseScorecard.rules[1] (rule 'shape') check.all[5].not: must be a condition, got the string 'flags.stale'; a condition is { fact, op, value } or has one of all, any, not",
      ]);
    });

    it.each([
      [0, 'the number 0'],
      [-1, 'the number -1'],
      ['heavy', "the string 'heavy'"],
    ])('for weight %j', (weight, described) => {
      expect(problemsOfRule({ ...validRule, id: 'cov', weight })).toEqual([
        `- releaseScorecard.rules[1] (rule 'cov') weight: must be a positive number, got ${described}`,
      ]);
    });

    it('for appliesTo with unknown keys, empty lists or bad refs', () => {
      expect(
        problemsOfRule({
          ...validRule,
          id: 'prod',
          appliesTo: {
            lifecycles: ['production'],
            kind: [],
            owner: ['group:a:b'],
          },
        }),
      ).toEqual([
        "- releaseScorecard.rules[1] (rule 'prod') appliesTo.lifecycles: unknown field (did you mean 'lifecycle'?); appliesTo has kind, type, lifecycle, owner, system, tags",
        "- releaseScorecard.rules[1] (rule 'prod') appliesTo.kind: must be a non-empty list, got an empty list; leave it out to match every entity",
        "- releaseScorecard.rules[1] (rule 'prod') appliesTo.owner[0]: 'group:a:b' is not an entity ref; write group:namespace/name",
      ]);
    });

    it('for an exemption of an unknown rule, a malformed entity ref or a bad date', () => {
      expect(
        problemsOf({
          rules: [validRule],
          exemptions: [
            {
              entity: 'legacy-billing',
              rule: 'coverag',
              reason: 'Legacy',
              expires: '2027-02-30',
            },
            { entity: 'component:default/legacy-billing', rule: 'coverage' },
          ],
        }),
      ).toEqual([
        "- releaseScorecard.exemptions[0] (exemption of legacy-billing from rule 'coverag') entity: 'legacy-billing' is not an entity ref; write kind:namespace/name, e.g. component:default/legacy-billing",
        "- releaseScorecard.exemptions[0] (exemption of legacy-billing from rule 'coverag') rule: unknown rule 'coverag' (did you mean 'coverage'?); name the id of a rule in releaseScorecard.rules",
        "- releaseScorecard.exemptions[0] (exemption of legacy-billing from rule 'coverag') expires: '2027-02-30' is not a date; write YYYY-MM-DD",
        "- releaseScorecard.exemptions[1] (exemption of component:default/legacy-billing from rule 'coverage') reason: missing; say why the entity may fail the rule",
      ]);
    });

    it('for a date that is not a plain YYYY-MM-DD', () => {
      expect(
        problemsOf({
          rules: [validRule],
          exemptions: [
            {
              entity: 'component:default/legacy-billing',
              rule: 'coverage',
              reason: 'Legacy',
              expires: '2027-03-31T00:00:00Z',
            },
          ],
        }),
      ).toEqual([
        "- releaseScorecard.exemptions[0] (exemption of component:default/legacy-billing from rule 'coverage') expires: '2027-03-31T00:00:00Z' is not a date; write YYYY-MM-DD",
      ]);
    });

    it('for levels and gates that are not lists of unique names', () => {
      expect(
        problemsOf({
          levels: ['bronze', 'bronze', ''],
          readiness: { requiredGates: 'unit-tests' },
        }),
      ).toEqual([
        "- releaseScorecard.levels[1]: 'bronze' is listed twice",
        "- releaseScorecard.levels[2]: must be a non-empty string, got the string ''",
        "- releaseScorecard.readiness.requiredGates: must be a list of gate names, got the string 'unit-tests'",
      ]);
      expect(problemsOf({ levels: [] })).toEqual([
        '- releaseScorecard.levels: is empty; list at least one level, lowest first',
      ]);
    });

    describe('for a misspelt gate fact', () => {
      const unitTests =
        'the well-known gate unit-tests has status, coverage, testsTotal, testsFailed';

      it.each([
        [
          'gate.unit-test.coverage',
          "'unit-test' is a misspelling of the well-known gate unit-tests, which has status, coverage, testsTotal, testsFailed",
        ],
        [
          'gate.unit_tests.coverage',
          "'unit_tests' is a misspelling of the well-known gate unit-tests, which has status, coverage, testsTotal, testsFailed",
        ],
        [
          'gate.unit-tests.coverge',
          `${unitTests} (case-sensitive); report other metrics under a gate of your own`,
        ],
        [
          'gate.unit-tests.Coverage',
          `${unitTests} (case-sensitive); report other metrics under a gate of your own`,
        ],
      ])('%s', (fact, hint) => {
        expect(
          problemsOfRule({
            ...validRule,
            id: 'cov',
            check: { fact, op: 'gte', value: 0.8 },
          }),
        ).toEqual([
          `- releaseScorecard.rules[1] (rule 'cov') check.fact: unknown fact '${fact}' (did you mean 'gate.unit-tests.coverage'?); ${hint}`,
        ]);
      });

      it('in the gate and the metric at once, or in the case of the gate', () => {
        expect(
          problemsOfRule({
            ...validRule,
            id: 'scan',
            check: {
              any: [
                { fact: 'gate.Container-Scans.critcal', op: 'eq', value: 0 },
                { fact: 'gate.load-tests.status', op: 'eq', value: 'passed' },
                { fact: 'gate.E2E.status', op: 'eq', value: 'passed' },
              ],
            },
          }),
        ).toEqual([
          "- releaseScorecard.rules[1] (rule 'scan') check.any[0].fact: unknown fact 'gate.Container-Scans.critcal' (did you mean 'gate.container-scan.critical'?); 'Container-Scans' is a misspelling of the well-known gate container-scan, which has status, critical, high, medium, low",
          "- releaseScorecard.rules[1] (rule 'scan') check.any[1].fact: unknown fact 'gate.load-tests.status' (did you mean 'gate.load-test.status'?); 'load-tests' is a misspelling of the well-known gate load-test, which has status, samples, errorRate, p95Ms, p99Ms, meanMs, throughputPerSecond",
          "- releaseScorecard.rules[1] (rule 'scan') check.any[2].fact: unknown fact 'gate.E2E.status' (did you mean 'gate.e2e.status'?); gate names are lower-case letters, digits, - and _, as the push API takes them",
        ]);
      });

      it('but not for a metric that a well-known gate does not report', () => {
        expect(
          problemsOfRule({
            ...validRule,
            id: 'branches',
            check: {
              fact: 'gate.unit-tests.branchCoverage',
              op: 'gte',
              value: 0.7,
            },
          }),
        ).toEqual([
          `- releaseScorecard.rules[1] (rule 'branches') check.fact: unknown fact 'gate.unit-tests.branchCoverage'; ${unitTests} (case-sensitive); report other metrics under a gate of your own`,
        ]);
      });

      it('and accepts gates of ones own, with any metric', () => {
        const config = read({
          rules: [
            {
              ...validRule,
              check: {
                all: [
                  { fact: 'gate.e2e.status', op: 'eq', value: 'passed' },
                  { fact: 'gate.ui-tests.passRate', op: 'gte', value: 0.99 },
                  { fact: 'gate.soak-test.p99LatencyMs', op: 'lt', value: 900 },
                  {
                    fact: 'gate.functional-tests.coverage',
                    op: 'gt',
                    value: 0,
                  },
                ],
              },
            },
          ],
        });
        expect(config.rules[0].check).toEqual({
          all: [
            { fact: 'gate.e2e.status', op: 'eq', value: 'passed' },
            { fact: 'gate.ui-tests.passRate', op: 'gte', value: 0.99 },
            { fact: 'gate.soak-test.p99LatencyMs', op: 'lt', value: 900 },
            { fact: 'gate.functional-tests.coverage', op: 'gt', value: 0 },
          ],
        });
      });

      it('for any single-character edit of a well-known gate fact', () => {
        const knownFacts = new Set([
          ...FIXED_FACTS.map(fact => fact.name),
          ...FACT_PATTERNS.flatMap(pattern => pattern.examples ?? []),
        ]);
        const wellKnownFacts = Object.entries(WELL_KNOWN_GATES).flatMap(
          ([gate, metrics]) =>
            ['status', ...metrics].map(metric => `gate.${gate}.${metric}`),
        );
        fc.assert(
          fc.property(
            fc.constantFrom(...wellKnownFacts),
            fc.constantFrom('insert', 'delete', 'replace', 'swap'),
            fc.nat(),
            fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzACTZ0129-_. /'),
            (fact, edit, at, char) => {
              const misspelt = editOnce(fact, edit, at, char);
              fc.pre(!knownFacts.has(misspelt));
              const problems = problemsOfRule({
                ...validRule,
                id: 'misspelt',
                check: { fact: misspelt, op: 'exists' },
              });
              const expectedStart = `- releaseScorecard.rules[1] (rule 'misspelt') check.fact: unknown fact '${misspelt}' (did you mean '`;
              expect(problems).toHaveLength(1);
              expect(problems[0].slice(0, expectedStart.length)).toBe(
                expectedStart,
              );
              // The fact edited, or one as close: some well-known facts are
              // one edit apart (p95Ms, p99Ms), and `p9Ms` is either.
              const meant = problems[0]
                .slice(expectedStart.length)
                .split("'?); ")[0];
              const distanceTo = (name: string) =>
                editDistance(misspelt.toLowerCase(), name.toLowerCase());
              expect(wellKnownFacts).toContain(meant);
              expect(distanceTo(meant)).toBe(distanceTo(fact));
            },
          ),
          { numRuns: 2000 },
        );
      });
    });

    it('for a misspelt required gate', () => {
      expect(
        problemsOf({
          readiness: {
            requiredGates: [
              'unit-tests',
              'unit_test',
              'Load-Test',
              'e2e',
              'E2E Smoke',
            ],
          },
        }),
      ).toEqual([
        "- releaseScorecard.readiness.requiredGates[1]: misspelt gate 'unit_test' (did you mean 'unit-tests'?); the well-known gates are unit-tests, static-analysis, container-scan, functional-tests, load-test, security-test",
        "- releaseScorecard.readiness.requiredGates[2]: misspelt gate 'Load-Test' (did you mean 'load-test'?); the well-known gates are unit-tests, static-analysis, container-scan, functional-tests, load-test, security-test",
        "- releaseScorecard.readiness.requiredGates[4]: 'E2E Smoke' is not a gate name (did you mean 'e2e-smoke'?); gate names are lower-case letters, digits, - and _, as the push API takes them",
      ]);
    });

    it('for every problem at once, with a count', () => {
      expect(() =>
        read({
          rules: [
            { ...validRule, level: 'platinum' },
            {
              ...validRule,
              id: 'b',
              check: { fact: 'flags.stal', op: 'lte', value: 3 },
            },
          ],
        }),
      ).toThrow(
        [
          'Invalid scorecard configuration under releaseScorecard (2 problems):',
          "- releaseScorecard.rules[0] (rule 'coverage') level: unknown level 'platinum'; releaseScorecard.levels has bronze, silver, gold",
          "- releaseScorecard.rules[1] (rule 'b') check.fact: unknown fact 'flags.stal' (did you mean 'flags.stale'?); GET /api/release-scorecard/rules/facts lists the facts",
        ].join('\n'),
      );
    });
  });
});
