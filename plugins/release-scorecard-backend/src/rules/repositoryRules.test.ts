/*
 * The rules this repository ships (app-config.yaml and the rules fixture)
 * must be able to pass on the data it ships: a gate fact that the demo data
 * or the benchmark never reports is `no-data` for every entity there, and a
 * blocking rule on it blocks them all.
 */
import { ConfigReader } from '@backstage/config';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'fs';
import path from 'path';
import { parse as parseYaml } from 'yaml';
import {
  benchmarkGates,
  demoGates,
  GateOutput,
} from '../__testUtils__/reportedGates';
import { listConditionFacts } from '@internal/plugin-release-scorecard-common';
import { readScorecardConfig } from './readScorecardConfig';

const PACKAGE_DIR = resolvePackagePath(
  '@internal/plugin-release-scorecard-backend',
);
const RULE_FILES = [
  path.resolve(PACKAGE_DIR, '../../app-config.yaml'),
  path.join(__dirname, '__fixtures__', 'defaultRules.yaml'),
];

/** The scorecard configuration of each file, read as the backend reads it. */
const configs = RULE_FILES.map(file => {
  const { releaseScorecard } = parseYaml(fs.readFileSync(file, 'utf8'));
  return {
    file: path.relative(path.resolve(PACKAGE_DIR, '../..'), file),
    // Only the scorecard part: the rest holds ${…} substitutions.
    config: readScorecardConfig(
      new ConfigReader({
        releaseScorecard: {
          levels: releaseScorecard.levels,
          readiness: releaseScorecard.readiness,
          rules: releaseScorecard.rules,
          exemptions: releaseScorecard.exemptions,
        },
      }),
    ),
  };
});

/** `gate.<gate>.status` and `gate.<gate>.<metric>` of every reported gate. */
function reportedFacts(gates: GateOutput[]): Set<string> {
  return new Set(
    gates.flatMap(({ gate, metrics }) => [
      `gate.${gate}.status`,
      ...Object.keys(metrics ?? {}).map(metric => `gate.${gate}.${metric}`),
    ]),
  );
}

/** `<file>: rule <id>: <fact>` for each gate fact of a rule that is never reported. */
function unreportedGateFacts(reported: Set<string>): string[] {
  return configs.flatMap(({ file, config }) => [
    ...config.rules.flatMap(rule =>
      listConditionFacts(rule.check)
        .filter(fact => fact.startsWith('gate.') && !reported.has(fact))
        .map(fact => `${file}: rule ${rule.id}: ${fact}`),
    ),
    ...config.requiredGates
      .filter(gate => !reported.has(`gate.${gate}.status`))
      .map(gate => `${file}: readiness.requiredGates: ${gate}`),
  ]);
}

describe("the repository's rules", () => {
  it('are read from both files, and name gate facts', () => {
    expect(configs.map(({ file }) => file)).toEqual([
      'app-config.yaml',
      path.join(
        'plugins',
        'release-scorecard-backend',
        'src',
        'rules',
        '__fixtures__',
        'defaultRules.yaml',
      ),
    ]);
    for (const { config } of configs) {
      expect(
        config.rules.flatMap(rule =>
          listConditionFacts(rule.check).filter(fact =>
            fact.startsWith('gate.'),
          ),
        ),
      ).toEqual(expect.arrayContaining(['gate.unit-tests.coverage']));
    }
  });

  it('name only gate facts that the demo data reports', () => {
    expect(unreportedGateFacts(reportedFacts(demoGates()))).toEqual([]);
  });

  it("name only gate facts that the benchmark's organisation reports", () => {
    expect(unreportedGateFacts(reportedFacts(benchmarkGates()))).toEqual([]);
  });

  it('would name a rule whose gate fact is never reported', () => {
    const reported = reportedFacts(demoGates());
    reported.delete('gate.static-analysis.reliabilityRating');
    expect(unreportedGateFacts(reported)).toEqual([
      'app-config.yaml: rule static-analysis-reliability: gate.static-analysis.reliabilityRating',
      `${configs[1].file}: rule static-analysis-reliability: gate.static-analysis.reliabilityRating`,
    ]);
  });
});
