import { InputError } from '@backstage/errors';
import { Request, Response } from 'express';
import Router from 'express-promise-router';
import {
  ComplianceResponse,
  ComplianceRow,
  READINESS_STATUSES,
  ReadinessStatus,
  releaseScorecardComplianceReadPermission,
  RULE_STATUSES,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';
import { ComplianceFilter } from '../database/ComplianceStore';
import { ReleaseScorecardStores } from '../database/ReleaseScorecardStores';
import { ScorecardConfig } from '../rules';
import { emptyComplianceTotals } from '../rules/complianceTotals';
import { EntityVisibility } from './EntityVisibility';
import {
  pageOf,
  queryEntityRefs,
  queryList,
  queryNumber,
  queryString,
  RequestContext,
} from './requests';

const CSV_PAGE = 500;
const DAY_MS = 86_400_000;

/** One CSV cell: quoted when needed, and never read as a formula by spreadsheets. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** The compliance view for engineering managers: services × rules. */
export function createComplianceRoutes(options: {
  requests: RequestContext;
  stores: Pick<ReleaseScorecardStores, 'catalogMirror' | 'compliance'>;
  visibility: EntityVisibility;
  scorecardConfig: ScorecardConfig;
  evaluatedKinds: string[];
}) {
  const { requests, stores, visibility, scorecardConfig, evaluatedKinds } =
    options;
  const router = Router();
  const ruleIds = new Set(scorecardConfig.rules.map(rule => rule.id));

  /** Reads the filters from the query string and checks the caller may use the view. */
  const filterOf = async (req: Request): Promise<ComplianceFilter> => {
    const credentials = await requests.authorize(
      req,
      releaseScorecardComplianceReadPermission,
    );
    const rule = queryString(req, 'rule');
    if (rule && !ruleIds.has(rule)) {
      throw new InputError(
        `rule: no rule ${rule}; the rules are ${[...ruleIds].join(', ')}`,
      );
    }
    const status = queryString(req, 'status');
    if (status && !RULE_STATUSES.includes(status as RuleStatus)) {
      throw new InputError(
        `status: must be one of ${RULE_STATUSES.join(', ')}`,
      );
    }
    const readiness = queryString(req, 'readiness');
    if (
      readiness &&
      !READINESS_STATUSES.includes(readiness as ReadinessStatus)
    ) {
      throw new InputError(
        `readiness: must be one of ${READINESS_STATUSES.join(', ')}`,
      );
    }
    const ownerRefs = queryEntityRefs(req, 'owner', 'group');
    const owners = ownerRefs
      ? [
          ...new Set(
            (
              await Promise.all(
                ownerRefs.map(ref => stores.catalogMirror.expandGroup(ref)),
              )
            ).flat(),
          ),
        ]
      : undefined;
    return {
      owners,
      kinds: queryList(req, 'kind')?.map(kind =>
        kind.toLocaleLowerCase('en-US'),
      ),
      types: queryList(req, 'type'),
      lifecycles: queryList(req, 'lifecycle'),
      systems: queryEntityRefs(req, 'system', 'system'),
      rule,
      status: status as RuleStatus | undefined,
      readiness: readiness as ReadinessStatus | undefined,
      visibleEntityRefs: await visibility.visibleEntityRefs(
        credentials,
        evaluatedKinds,
      ),
    };
  };

  const wantsCsv = (req: Request) =>
    queryString(req, 'format') === 'csv' ||
    (req.accepts(['application/json', 'text/csv']) === 'text/csv' &&
      !req.headers.accept?.includes('application/json'));

  const sendCsv = async (filter: ComplianceFilter, res: Response) => {
    const rules = scorecardConfig.rules;
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="release-scorecard-compliance.csv"',
    );
    res.write(
      csvLine([
        'entity',
        'title',
        'owner',
        'system',
        'kind',
        'type',
        'lifecycle',
        'score',
        'rules with data',
        'rules that apply',
        'level',
        'readiness',
        'regressions (7 days)',
        // Per rule: its status, and since when it fails (ISO time).
        ...rules.flatMap(rule => [rule.id, `${rule.id} failingSince`]),
      ]),
    );
    let cursor: string | undefined;
    const now = Date.now();
    do {
      const page = await stores.compliance.listCompliance(
        filter,
        { limit: CSV_PAGE, cursor },
        now,
      );
      for (const row of page.items) {
        res.write(
          csvRow(
            row,
            rules.map(rule => rule.id),
          ),
        );
      }
      cursor = page.nextCursor;
    } while (cursor);
    res.end();
  };

  router.get('/compliance', async (req, res) => {
    const filter = await filterOf(req);
    if (wantsCsv(req)) {
      await sendCsv(filter, res);
      return;
    }
    const [page, totalCount, perRule, perOwner] = await Promise.all([
      stores.compliance.listCompliance(filter, pageOf(req), Date.now()),
      stores.compliance.countCompliance(filter),
      stores.compliance.totalsPerRule(filter),
      stores.compliance.totalsPerOwner(filter),
    ]);
    const response: ComplianceResponse = {
      ...page,
      totalCount,
      rules: scorecardConfig.rules.map(rule => ({
        id: rule.id,
        title: rule.title,
        ...(perRule.get(rule.id) ?? emptyComplianceTotals()),
      })),
      owners: [...perOwner]
        .map(([owner, totals]) => ({ owner, ...totals }))
        .sort((a, b) => a.owner.localeCompare(b.owner)),
    };
    res.json(response);
  });

  router.get('/compliance/changes', async (req, res) => {
    const filter = await filterOf(req);
    const days =
      queryNumber(req, 'days', { min: 1, max: 90, integer: true }) ?? 7;
    res.json(
      await stores.compliance.listRecentChanges(
        filter,
        Date.now() - days * DAY_MS,
        pageOf(req),
      ),
    );
  });

  return router;
}

function csvRow(row: ComplianceRow, ruleIds: string[]): string {
  return csvLine([
    row.entityRef,
    row.title,
    row.owner,
    row.system,
    row.kind,
    row.type,
    row.lifecycle,
    row.score,
    row.ruleCoverage.withData,
    row.ruleCoverage.applicable,
    row.level,
    row.readiness,
    row.regressions.join(' '),
    ...ruleIds.flatMap(id => [
      row.rules[id] ?? '',
      row.failingSince[id]?.at ?? '',
    ]),
  ]);
}
