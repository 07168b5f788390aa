import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  describeCondition,
  describeFactValues,
  listConditionFacts,
  RuleDefinition,
  RuleExemption,
  RuleResult,
} from '@internal/plugin-release-scorecard-common';
import { computeReadiness } from './computeReadiness';
import { evaluateCondition, isFactCondition } from './evaluateCondition';
import { findActiveExemption } from './findActiveExemption';
import { findAppliesToMismatch } from './findAppliesToMismatch';
import {
  CandidateRun,
  Facts,
  ScorecardConfig,
  ScorecardEvaluation,
} from './types';

export interface EvaluateScorecardOptions {
  entity: Entity;
  facts: Facts;
  /** The latest pipeline run of the entity; undefined when there is none. */
  candidateRun: CandidateRun | undefined;
  config: ScorecardConfig;
  now: Date;
}

/** Evaluates every configured rule for one entity, with score, level and readiness. */
export function evaluateScorecard(
  options: EvaluateScorecardOptions,
): ScorecardEvaluation {
  const { entity, facts, candidateRun, config, now } = options;
  const entityRef = stringifyEntityRef(entity);
  const rules = config.rules.map(rule =>
    evaluateRule(rule, {
      entity,
      facts,
      exemption: findActiveExemption(
        config.exemptions,
        entityRef,
        rule.id,
        now,
      ),
    }),
  );
  return {
    score: computeScore(rules),
    level: computeLevel(rules, config.levels),
    rules,
    readiness: computeReadiness(candidateRun, config.requiredGates, rules),
  };
}

/**
 * The result of one rule for one entity. An active exemption turns `fail`
 * into `exempt`; it is also shown on `pass` and `no-data` results (so that
 * an exemption that is no longer needed is visible) without changing them:
 * an exemption allows failing, not skipping the evidence.
 */
export function evaluateRule(
  rule: RuleDefinition,
  context: {
    entity: Entity;
    facts: Facts;
    /** The exemption of this entity from this rule that holds now, if any. */
    exemption?: RuleExemption;
  },
): RuleResult {
  const expected = describeCondition(rule.check);
  const base = {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    level: rule.level,
    weight: rule.weight,
    facts: listConditionFacts(rule.check),
    expected,
  };

  const mismatch = findAppliesToMismatch(rule.appliesTo, context.entity);
  if (mismatch) {
    return {
      ...base,
      status: 'not-applicable',
      actual: null,
      message: `Does not apply. ${mismatch}`,
      exemption: null,
    };
  }

  const { outcome, actual, reasons } = evaluateCondition(
    rule.check,
    context.facts,
  );
  const exemption = context.exemption
    ? {
        reason: context.exemption.reason,
        ...(context.exemption.expires
          ? { expires: context.exemption.expires }
          : {}),
      }
    : null;
  const result = {
    ...base,
    // A single-fact rule shows that fact's value; a combination shows each fact.
    actual: isFactCondition(rule.check) ? actual[rule.check.fact] : actual,
    exemption,
  };
  const explanation = reasons.join(' ');

  if (outcome === 'pass') {
    return {
      ...result,
      status: 'pass',
      message: `Passes: ${describeFactValues(actual)}.${
        exemption ? ' The exemption on record is not needed.' : ''
      }`,
    };
  }
  if (outcome === 'no-data') {
    return { ...result, status: 'no-data', message: explanation };
  }
  if (exemption) {
    const until = exemption.expires ? ` until ${exemption.expires}` : '';
    return {
      ...result,
      status: 'exempt',
      message: `Exempt${until}: ${exemption.reason.replace(
        /\.$/,
        '',
      )}. Without the exemption it would fail: ${explanation}`,
    };
  }
  return { ...result, status: 'fail', message: explanation };
}

/**
 * 100 × Σ weight of pass or exempt rules ÷ Σ weight of the rules that apply
 * (pass, exempt, fail and no-data), to one decimal; null when none applies.
 * A rule without data is not met: nobody has shown that it holds, so it
 * counts against the score like a failure (see docs/scoring.md).
 */
export function computeScore(results: RuleResult[]): number | null {
  let passed = 0;
  let counted = 0;
  for (const result of results) {
    if (result.status !== 'not-applicable') {
      counted += result.weight;
      if (isSatisfied(result)) {
        passed += result.weight;
      }
    }
  }
  return counted === 0 ? null : Math.round((1000 * passed) / counted) / 10;
}

/**
 * The highest level such that every applicable rule of that level and below
 * passes or is exempt. `no-data` does not satisfy a level: a level is a claim
 * backed by evidence. Null when even the lowest level is not met, or when no
 * rule applies to the entity (there is nothing to rank it by).
 */
export function computeLevel(
  results: RuleResult[],
  levels: string[],
): string | null {
  const applicable = results.filter(
    result => result.status !== 'not-applicable',
  );
  if (applicable.length === 0) {
    return null;
  }
  let reached: string | null = null;
  for (const [index, level] of levels.entries()) {
    const holds = applicable.every(
      result =>
        Math.max(levels.indexOf(result.level), 0) > index ||
        isSatisfied(result),
    );
    if (!holds) {
      break;
    }
    reached = level;
  }
  return reached;
}

function isSatisfied(result: RuleResult): boolean {
  return result.status === 'pass' || result.status === 'exempt';
}
