import { Config } from '@backstage/config';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  ConditionValue,
  editDistance,
  FACT_PATTERNS,
  FactCondition,
  FactDefinition,
  FactType,
  FIXED_FACTS,
  findFactDefinition,
  findMisspeltWellKnownGate,
  isGateName,
  isWellKnownGate,
  normalizeEntityRef,
  RULE_OPERATORS,
  RULE_SEVERITIES,
  RuleAppliesTo,
  RuleCondition,
  RuleDefinition,
  RuleExemption,
  RuleOperator,
  RuleSeverity,
  WELL_KNOWN_GATE_NAMES,
  WELL_KNOWN_GATES,
} from '@internal/plugin-release-scorecard-common';
import { DateTime } from 'luxon';
import { ScorecardConfig } from './types';

export const DEFAULT_LEVELS: readonly string[] = ['bronze', 'silver', 'gold'];
export const DEFAULT_REQUIRED_GATES: readonly string[] = WELL_KNOWN_GATE_NAMES;

const RULE_KEYS = [
  'id',
  'title',
  'description',
  'severity',
  'level',
  'weight',
  'appliesTo',
  'check',
];
const APPLIES_TO_KEYS: Array<keyof RuleAppliesTo> = [
  'kind',
  'type',
  'lifecycle',
  'owner',
  'system',
  'tags',
];
const EXEMPTION_KEYS = ['entity', 'rule', 'reason', 'expires'];
const FACT_CONDITION_KEYS = ['fact', 'op', 'value'];
const COMBINATORS = ['all', 'any', 'not'];
const CONDITION_SHAPE =
  'a condition is { fact, op, value } or has one of all, any, not';
const ORDERING_OPERATORS: RuleOperator[] = ['gt', 'gte', 'lt', 'lte'];
// Rule ids end up in URLs, CSV columns and `rule:<id>` blockers.
const RULE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const GATE_NAME_RULE =
  'gate names are lower-case letters, digits, - and _, as the push API takes them';
const KNOWN_FACT_NAMES = [
  ...FIXED_FACTS.map(fact => fact.name),
  ...FACT_PATTERNS.flatMap(pattern => pattern.examples ?? []),
];

type Report = (field: string, problem: string) => void;

/** The facts rules may name: built-in ones and those of fact providers. */
interface FactCatalog {
  find(name: string): FactDefinition | undefined;
  /** Names to suggest for a misspelt fact. */
  names: string[];
}

/**
 * Reads and validates the scorecard part of `releaseScorecard` (levels,
 * readiness, rules, exemptions) and applies defaults: severity `warning`,
 * weight 1, the lowest level.
 *
 * A misconfigured rule must stop the backend rather than silently pass or
 * fail for every entity, so this throws one Error that lists every problem,
 * one per line, each naming the config key, the rule and the field.
 */
export function readScorecardConfig(
  config: Config,
  options: {
    /** Facts that installed fact providers declare, besides the built-in ones. */
    providedFacts?: FactDefinition[];
  } = {},
): ScorecardConfig {
  const provided = new Map(
    (options.providedFacts ?? []).map(fact => [fact.name, fact]),
  );
  const facts: FactCatalog = {
    find: name => provided.get(name) ?? findFactDefinition(name),
    names: [...KNOWN_FACT_NAMES, ...provided.keys()],
  };
  const problems: string[] = [];
  const reportAt =
    (where: string): Report =>
    (field, problem) =>
      problems.push(
        `${where}${
          field && !field.startsWith('[') ? ' ' : ''
        }${field}: ${problem}`,
      );

  const levels = readLevels(
    config.getOptional('releaseScorecard.levels'),
    reportAt('releaseScorecard.levels'),
  );
  const requiredGates = readRequiredGates(
    config.getOptional('releaseScorecard.readiness.requiredGates'),
    reportAt('releaseScorecard.readiness.requiredGates'),
  );
  const rules = readRules(
    config.getOptional('releaseScorecard.rules'),
    levels,
    reportAt,
    facts,
  );
  const exemptions = readExemptions(
    config.getOptional('releaseScorecard.exemptions'),
    rules.map(rule => rule.id),
    reportAt,
  );

  if (problems.length > 0) {
    throw new Error(
      `Invalid scorecard configuration under releaseScorecard (${
        problems.length
      } ${problems.length === 1 ? 'problem' : 'problems'}):\n${problems
        .map(problem => `- ${problem}`)
        .join('\n')}`,
    );
  }
  return { levels, requiredGates, rules, exemptions };
}

function readLevels(raw: JsonValue | undefined, report: Report): string[] {
  if (raw === undefined) {
    return [...DEFAULT_LEVELS];
  }
  const levels = readUniqueStrings(raw, report, 'levels');
  if (levels === undefined) {
    return [...DEFAULT_LEVELS];
  }
  if (levels.length === 0) {
    report('', 'is empty; list at least one level, lowest first');
  }
  return levels;
}

function readRequiredGates(
  raw: JsonValue | undefined,
  report: Report,
): string[] {
  if (raw === undefined) {
    return [...DEFAULT_REQUIRED_GATES];
  }
  // An empty list is allowed: readiness then depends on blocking rules only.
  const gates = readUniqueStrings(raw, report, 'gate names') ?? [];
  gates.forEach(gate => {
    const field = `[${(raw as JsonValue[]).indexOf(gate)}]`;
    const wellKnown = findMisspeltWellKnownGate(gate);
    if (wellKnown) {
      report(
        field,
        `misspelt gate '${gate}'${didYouMean(
          wellKnown,
        )}; the well-known gates are ${WELL_KNOWN_GATE_NAMES.join(', ')}`,
      );
    } else if (!isGateName(gate)) {
      report(
        field,
        `'${gate}' is not a gate name${didYouMean(
          toGateNameCase(gate),
        )}; ${GATE_NAME_RULE}`,
      );
    }
  });
  return gates;
}

function readUniqueStrings(
  raw: JsonValue,
  report: Report,
  what: string,
): string[] | undefined {
  if (!Array.isArray(raw)) {
    report('', `must be a list of ${what}, got ${describeJson(raw)}`);
    return undefined;
  }
  const seen = new Set<string>();
  raw.forEach((item, index) => {
    if (typeof item !== 'string' || item.trim() === '') {
      report(
        `[${index}]`,
        `must be a non-empty string, got ${describeJson(item)}`,
      );
    } else if (seen.has(item)) {
      report(`[${index}]`, `'${item}' is listed twice`);
    } else {
      seen.add(item);
    }
  });
  return [...seen];
}

function readRules(
  raw: JsonValue | undefined,
  levels: string[],
  reportAt: (where: string) => Report,
  facts: FactCatalog,
): RuleDefinition[] {
  if (raw === undefined) {
    return [];
  }
  if (!Array.isArray(raw)) {
    reportAt('releaseScorecard.rules')(
      '',
      `must be a list of rules, got ${describeJson(raw)}`,
    );
    return [];
  }
  const indexById = new Map<string, number>();
  return raw.flatMap((rawRule, index) => {
    const id =
      isObject(rawRule) && typeof rawRule.id === 'string' && rawRule.id !== ''
        ? rawRule.id
        : undefined;
    const report = reportAt(
      `releaseScorecard.rules[${index}] (${
        id === undefined ? `rule #${index}, which has no id` : `rule '${id}'`
      })`,
    );
    if (!isObject(rawRule)) {
      report(
        '',
        `must be an object with id, title and check, got ${describeJson(
          rawRule,
        )}`,
      );
      return [];
    }
    if (id === undefined) {
      report('id', 'missing; every rule needs a unique id');
    } else if (!RULE_ID_PATTERN.test(id)) {
      report(
        'id',
        `'${id}' may only contain letters, digits, '.', '_' and '-'`,
      );
    } else if (indexById.has(id)) {
      report(
        'id',
        `duplicate; releaseScorecard.rules[${indexById.get(
          id,
        )}] has the same id`,
      );
    } else {
      indexById.set(id, index);
    }
    return [readRule(rawRule, id ?? `#${index}`, levels, report, facts)];
  });
}

function readRule(
  raw: JsonObject,
  id: string,
  levels: string[],
  report: Report,
  facts: FactCatalog,
): RuleDefinition {
  reportUnknownKeys(
    raw,
    RULE_KEYS,
    '',
    report,
    `a rule has ${RULE_KEYS.join(', ')}`,
  );

  const title = raw.title;
  if (typeof title !== 'string' || title.trim() === '') {
    report('title', 'missing; give a sentence that says what the rule wants');
  }
  const description = raw.description;
  if (description !== undefined && typeof description !== 'string') {
    report('description', `must be a string, got ${describeJson(description)}`);
  }
  const severity = raw.severity ?? 'warning';
  if (!isOneOf(severity, RULE_SEVERITIES)) {
    report(
      'severity',
      `unknown severity ${nameOf(severity)}${suggest(
        severity,
        RULE_SEVERITIES,
      )}; use blocking or warning`,
    );
  }
  const level = raw.level ?? levels[0];
  if (!isOneOf(level, levels)) {
    report(
      'level',
      `unknown level ${nameOf(level)}${suggest(
        level,
        levels,
      )}; releaseScorecard.levels has ${levels.join(', ')}`,
    );
  }
  const weight = raw.weight ?? 1;
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
    report('weight', `must be a positive number, got ${describeJson(weight)}`);
  }
  const appliesTo =
    raw.appliesTo === undefined
      ? undefined
      : readAppliesTo(raw.appliesTo, report);
  const check = readCondition(raw.check, 'check', report, facts);

  return {
    id,
    title: typeof title === 'string' ? title : id,
    ...(typeof description === 'string' ? { description } : {}),
    severity: severity as RuleSeverity,
    level: level as string,
    weight: weight as number,
    ...(appliesTo ? { appliesTo } : {}),
    // The placeholder never leaves: a missing check is a problem, and
    // readScorecardConfig throws when there is any, so nothing read from an
    // invalid part of the configuration is ever returned.
    check: check ?? { all: [] },
  };
}

function readAppliesTo(
  raw: JsonValue,
  report: Report,
): RuleAppliesTo | undefined {
  if (!isObject(raw)) {
    report(
      'appliesTo',
      `must be an object with ${APPLIES_TO_KEYS.join(', ')}, got ${describeJson(
        raw,
      )}`,
    );
    return undefined;
  }
  reportUnknownKeys(
    raw,
    APPLIES_TO_KEYS,
    'appliesTo',
    report,
    `appliesTo has ${APPLIES_TO_KEYS.join(', ')}`,
  );
  const appliesTo: RuleAppliesTo = {};
  for (const key of APPLIES_TO_KEYS) {
    const list = raw[key];
    if (list === undefined) {
      continue;
    }
    const field = `appliesTo.${key}`;
    if (!Array.isArray(list) || list.length === 0) {
      report(
        field,
        `must be a non-empty list, got ${describeJson(
          list,
        )}; leave it out to match every entity`,
      );
      continue;
    }
    const values: string[] = [];
    list.forEach((item, index) => {
      if (typeof item !== 'string' || item.trim() === '') {
        report(
          `${field}[${index}]`,
          `must be a non-empty string, got ${describeJson(item)}`,
        );
        return;
      }
      if (key !== 'owner' && key !== 'system') {
        values.push(item);
        return;
      }
      const ref = normalizeEntityRef(item, {
        kind: key === 'owner' ? 'group' : 'system',
      });
      if (ref === undefined) {
        report(
          `${field}[${index}]`,
          `'${item}' is not an entity ref; write ${
            key === 'owner' ? 'group' : 'system'
          }:namespace/name`,
        );
      } else {
        values.push(ref);
      }
    });
    appliesTo[key] = values;
  }
  return appliesTo;
}

function readCondition(
  raw: JsonValue | undefined,
  field: string,
  report: Report,
  facts: FactCatalog,
): RuleCondition | undefined {
  if (raw === undefined || raw === null) {
    report(
      field,
      'missing; give a condition such as { fact: gate.unit-tests.coverage, op: gte, value: 0.8 }',
    );
    return undefined;
  }
  if (!isObject(raw)) {
    report(
      field,
      `must be a condition, got ${describeJson(raw)}; ${CONDITION_SHAPE}`,
    );
    return undefined;
  }
  if (FACT_CONDITION_KEYS.some(key => key in raw)) {
    return readFactCondition(raw, field, report, facts);
  }
  const keys = Object.keys(raw);
  const combinators = keys.filter(key => COMBINATORS.includes(key));
  reportUnknownKeys(raw, COMBINATORS, field, report, CONDITION_SHAPE);
  if (keys.length === 0) {
    report(field, `is empty; ${CONDITION_SHAPE}`);
  }
  if (combinators.length > 1) {
    report(
      field,
      `has both ${combinators.join(
        ' and ',
      )}; use one of all, any, not per condition and nest them`,
    );
  }
  if (combinators.length !== 1 || keys.length !== 1) {
    return undefined;
  }

  const combinator = combinators[0];
  const childField = `${field}.${combinator}`;
  if (combinator === 'not') {
    const inner = readCondition(raw.not, childField, report, facts);
    return inner && { not: inner };
  }
  const list = raw[combinator];
  if (!Array.isArray(list) || list.length === 0) {
    report(
      childField,
      `must be a non-empty list of conditions, got ${describeJson(list)}`,
    );
    return undefined;
  }
  const children = list.map((child, index) =>
    readCondition(child, `${childField}[${index}]`, report, facts),
  );
  if (!isEvery(children)) {
    return undefined;
  }
  return combinator === 'all' ? { all: children } : { any: children };
}

function readFactCondition(
  raw: JsonObject,
  field: string,
  report: Report,
  facts: FactCatalog,
): FactCondition {
  reportUnknownKeys(
    raw,
    FACT_CONDITION_KEYS,
    field,
    report,
    'a fact condition has fact, op, value',
  );

  const { fact, op, value } = raw;
  let factType: FactType | undefined;
  if (typeof fact !== 'string' || fact === '') {
    report(
      `${field}.fact`,
      `missing; name a fact such as gate.unit-tests.coverage, got ${describeJson(
        fact,
      )}`,
    );
  } else {
    factType = facts.find(fact)?.type;
    if (!factType) {
      const { meant, why } = explainMisspeltGateFact(fact) ?? {
        meant: closest(fact, facts.names),
        why: 'GET /api/release-scorecard/rules/facts lists the facts',
      };
      // A gate misspelling whose metric is beyond repair still has a
      // nearest fact as a whole (`gate.security-tes.t.low`).
      report(
        `${field}.fact`,
        `unknown fact '${fact}'${didYouMean(
          meant ?? closest(fact, facts.names),
        )}; ${why}`,
      );
    }
  }
  if (!isOneOf(op, RULE_OPERATORS)) {
    report(
      `${field}.op`,
      `${
        op === undefined ? 'missing' : `unknown operator ${nameOf(op)}`
      }${suggest(op, RULE_OPERATORS)}; use one of ${RULE_OPERATORS.join(', ')}`,
    );
  } else {
    checkValue({ fact: fact as string, op, value, factType }, field, report);
  }

  return {
    fact: fact as string,
    op: op as RuleOperator,
    ...(value !== undefined ? { value: value as ConditionValue } : {}),
  };
}

function checkValue(
  condition: {
    fact: string;
    op: RuleOperator;
    value: JsonValue | undefined;
    factType: FactType | undefined;
  },
  field: string,
  report: Report,
) {
  const { fact, op, value, factType } = condition;
  const valueField = `${field}.value`;
  const scalarType = factType === 'string[]' ? 'string' : factType;

  if (op === 'exists') {
    if (value !== undefined && typeof value !== 'boolean') {
      report(
        valueField,
        `operator 'exists' takes true or false (true when left out), got ${describeJson(
          value,
        )}`,
      );
    }
    return;
  }
  if (value === undefined || value === null) {
    report(valueField, `missing; operator '${op}' needs a value`);
    return;
  }

  if (op === 'in' || op === 'notIn') {
    if (!Array.isArray(value) || value.length === 0) {
      report(
        valueField,
        `operator '${op}' needs a non-empty list such as [canary, blue-green], got ${describeJson(
          value,
        )}`,
      );
      return;
    }
    if (factType === 'boolean') {
      report(
        `${field}.op`,
        `operator '${op}' does not apply to the boolean fact '${fact}'; use eq`,
      );
      return;
    }
    value.forEach((item, index) => {
      if (scalarType && typeof item !== scalarType) {
        report(
          `${valueField}[${index}]`,
          `fact '${fact}' is a ${factType}, so each value must be a ${scalarType}, got ${describeJson(
            item,
          )}`,
        );
      }
    });
    return;
  }

  if (Array.isArray(value) || isObject(value)) {
    report(
      valueField,
      `operator '${op}' compares with one value, got ${describeJson(
        value,
      )}; use in or notIn for a list`,
    );
    return;
  }
  if (ORDERING_OPERATORS.includes(op)) {
    if (factType && factType !== 'number') {
      report(
        `${field}.op`,
        `operator '${op}' compares numbers, but fact '${fact}' is a ${factType}; use eq, ne, in or notIn`,
      );
    } else if (typeof value !== 'number') {
      report(
        valueField,
        `operator '${op}' needs a number, got ${describeJson(value)}`,
      );
    }
    return;
  }
  if (scalarType && typeof value !== scalarType) {
    report(
      valueField,
      `fact '${fact}' is a ${factType}, so the value must be a ${scalarType}, got ${describeJson(
        value,
      )}`,
    );
  }
}

/**
 * Why a gate fact that no rule can use is refused, and the fact probably
 * meant: a well-known gate misspelt, a metric that a well-known gate does not
 * have, or a gate name in capitals. Undefined for other unknown facts.
 */
function explainMisspeltGateFact(
  fact: string,
): { meant?: string; why: string } | undefined {
  const parts = /^gate\.([^.]+)\.(.+)$/.exec(fact);
  if (!parts) {
    return undefined;
  }
  const [, gate, metric] = parts;
  const wellKnown = isWellKnownGate(gate)
    ? gate
    : findMisspeltWellKnownGate(gate);
  if (!wellKnown) {
    const meant = `gate.${toGateNameCase(gate)}.${metric}`;
    return !isGateName(gate) && findFactDefinition(meant)
      ? { meant, why: GATE_NAME_RULE }
      : undefined;
  }
  const facts = ['status', ...WELL_KNOWN_GATES[wellKnown]];
  const meantMetric = facts.includes(metric) ? metric : closest(metric, facts);
  return {
    meant: meantMetric && `gate.${wellKnown}.${meantMetric}`,
    why:
      wellKnown === gate
        ? `the well-known gate ${gate} has ${facts.join(
            ', ',
          )} (case-sensitive); report other metrics under a gate of your own`
        : `'${gate}' is a misspelling of the well-known gate ${wellKnown}, which has ${facts.join(
            ', ',
          )}`,
  };
}

/** `E2E Tests` as a gate name would be spelt: `e2e-tests`. */
function toGateNameCase(name: string): string {
  return name
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '');
}

function readExemptions(
  raw: JsonValue | undefined,
  ruleIds: string[],
  reportAt: (where: string) => Report,
): RuleExemption[] {
  if (raw === undefined) {
    return [];
  }
  if (!Array.isArray(raw)) {
    reportAt('releaseScorecard.exemptions')(
      '',
      `must be a list of exemptions, got ${describeJson(raw)}`,
    );
    return [];
  }
  return raw.flatMap((item, index) => {
    const where = `releaseScorecard.exemptions[${index}]`;
    if (!isObject(item)) {
      reportAt(where)(
        '',
        `must be an object with entity, rule, reason and expires, got ${describeJson(
          item,
        )}`,
      );
      return [];
    }
    const { entity, rule, reason, expires } = item;
    const report = reportAt(
      `${where} (exemption of ${
        typeof entity === 'string' ? entity : 'an unnamed entity'
      } from rule ${typeof rule === 'string' ? `'${rule}'` : '(none)'})`,
    );
    reportUnknownKeys(
      item,
      EXEMPTION_KEYS,
      '',
      report,
      `an exemption has ${EXEMPTION_KEYS.join(', ')}`,
    );

    const entityRef =
      typeof entity === 'string'
        ? normalizeEntityRef(entity, { namespace: 'default' })
        : undefined;
    if (entityRef === undefined) {
      report(
        'entity',
        `${
          entity === undefined
            ? 'missing'
            : `${nameOf(entity)} is not an entity ref`
        }; write kind:namespace/name, e.g. component:default/legacy-billing`,
      );
    }
    if (typeof rule !== 'string' || !ruleIds.includes(rule)) {
      report(
        'rule',
        `${
          rule === undefined ? 'missing' : `unknown rule ${nameOf(rule)}`
        }${suggest(
          rule,
          ruleIds,
        )}; name the id of a rule in releaseScorecard.rules`,
      );
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      report('reason', 'missing; say why the entity may fail the rule');
    }
    if (expires !== undefined && !isIsoDate(expires)) {
      report('expires', `${nameOf(expires)} is not a date; write YYYY-MM-DD`);
    }
    return [
      {
        entity: entityRef ?? String(entity),
        rule: String(rule),
        reason: String(reason),
        ...(typeof expires === 'string' ? { expires } : {}),
      },
    ];
  });
}

function isIsoDate(value: JsonValue): boolean {
  return (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    DateTime.fromISO(value, { zone: 'utc' }).isValid
  );
}

function reportUnknownKeys(
  raw: JsonObject,
  knownKeys: readonly string[],
  field: string,
  report: Report,
  hint: string,
) {
  for (const key of Object.keys(raw)) {
    if (!knownKeys.includes(key)) {
      report(
        field ? `${field}.${key}` : key,
        `unknown field${suggest(key, knownKeys)}; ${hint}`,
      );
    }
  }
}

/** ` (did you mean 'gte'?)` when a known name is close to the misspelt one. */
function suggest(input: unknown, candidates: readonly string[]): string {
  return didYouMean(closest(input, candidates));
}

function didYouMean(meant: string | undefined): string {
  return meant ? ` (did you mean '${meant}'?)` : '';
}

/** The known name closest to a misspelt one, ignoring case, if one is close. */
function closest(
  input: unknown,
  candidates: readonly string[],
): string | undefined {
  if (typeof input !== 'string' || input === '') {
    return undefined;
  }
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) {
      best = { candidate, distance };
    }
  }
  const tolerance = Math.max(1, Math.min(3, Math.floor(input.length / 3)));
  return best && best.distance <= tolerance && best.candidate !== input
    ? best.candidate
    : undefined;
}

/** A value with its type, for "got …": `the string '0.8'`, `an empty list`. */
function describeJson(value: JsonValue | undefined): string {
  if (value === undefined || value === null) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? 'an empty list' : 'a list';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  return typeof value === 'string'
    ? `the string '${value}'`
    : `the ${typeof value} ${value}`;
}

/** A value that should have been a name: `'gtee'`, or its description. */
function nameOf(value: JsonValue | undefined): string {
  return typeof value === 'string' ? `'${value}'` : describeJson(value);
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(
  value: unknown,
  options: readonly T[],
): value is T {
  return (
    typeof value === 'string' && (options as readonly string[]).includes(value)
  );
}

function isEvery<T>(items: Array<T | undefined>): items is T[] {
  return items.every(item => item !== undefined);
}
