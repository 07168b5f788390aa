import { Link } from '@backstage/core-components';
import { RulesResponse } from '@internal/plugin-release-scorecard-common';
import {
  DataColumn,
  DataTable,
} from '@internal/plugin-release-scorecard-react';
import { filterToSearchParams } from '../../complianceSearchParams';
import { PassRateBar } from './PassRateBar';

export type RuleWithTotals = RulesResponse['rules'][number];

/** The id of a rule's card on the rules page, for `#rule-<id>` links. */
export const ruleCardId = (ruleId: string) => `rule-${ruleId}`;

/** Rules the organisation fails most come first; rules not evaluated last. */
export function sortByPassRate(rules: RuleWithTotals[]): RuleWithTotals[] {
  return [...rules].sort(
    (a, b) =>
      (a.totals?.compliancePercent ?? 101) -
        (b.totals?.compliancePercent ?? 101) ||
      (b.totals?.fail ?? 0) - (a.totals?.fail ?? 0) ||
      a.title.localeCompare(b.title),
  );
}

/**
 * Every rule with its pass rate and failing count, in the order given
 * (worst first); each title links to the rule's card further down.
 */
export function RulesOverviewTable(props: {
  rules: RuleWithTotals[];
  complianceLink: string | undefined;
}) {
  const { rules, complianceLink } = props;
  const columns: DataColumn<RuleWithTotals>[] = [
    {
      title: 'Rule',
      rowHeader: true,
      minWidth: 200,
      render: rule => (
        <Link
          to={`#${ruleCardId(rule.id)}`}
          data-testid={`rule-link-${rule.id}`}
        >
          {rule.title}
        </Link>
      ),
    },
    { title: 'Severity', render: rule => rule.severity, noWrap: true },
    {
      title: 'Level',
      render: rule => (
        <span style={{ textTransform: 'capitalize' }}>{rule.level}</span>
      ),
      noWrap: true,
    },
    {
      title: 'Pass rate',
      minWidth: 220,
      render: rule => (
        <PassRateBar ruleTitle={rule.title} totals={rule.totals} />
      ),
    },
    {
      title: 'Failing',
      align: 'right',
      noWrap: true,
      render: rule => {
        const failing = rule.totals?.fail ?? 0;
        return failing > 0 && complianceLink ? (
          <Link
            to={`${complianceLink}?${filterToSearchParams({
              rule: rule.id,
              status: 'fail',
            })}`}
            aria-label={`${failing} services fail ${rule.title}`}
          >
            {failing}
          </Link>
        ) : (
          failing
        );
      },
    },
  ];
  return (
    <DataTable<RuleWithTotals>
      columns={columns}
      rows={rules}
      rowKey={rule => rule.id}
      ariaLabel="Rules by pass rate"
    />
  );
}
