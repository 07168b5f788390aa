import { Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { RulesResponse } from '@internal/plugin-release-scorecard-common';
import { filterToSearchParams } from '../../complianceSearchParams';
import { PassRateBar } from './PassRateBar';

type RuleWithTotals = RulesResponse['rules'][number];

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

/** Every rule with its pass rate and failing count, worst first. */
export function RulesOverviewTable(props: {
  rules: RuleWithTotals[];
  complianceLink: string | undefined;
}) {
  const { rules, complianceLink } = props;
  return (
    <Table size="small" aria-label="Rules by pass rate">
      <TableHead>
        <TableRow>
          <TableCell scope="col">Rule</TableCell>
          <TableCell scope="col">Severity</TableCell>
          <TableCell scope="col">Level</TableCell>
          <TableCell scope="col">Pass rate</TableCell>
          <TableCell scope="col" align="right">
            Failing
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sortByPassRate(rules).map(rule => {
          const failing = rule.totals?.fail ?? 0;
          return (
            <TableRow key={rule.id}>
              <TableCell component="th" scope="row">
                <Link to={`#rule-${rule.id}`}>{rule.title}</Link>
              </TableCell>
              <TableCell>{rule.severity}</TableCell>
              <TableCell style={{ textTransform: 'capitalize' }}>
                {rule.level}
              </TableCell>
              <TableCell>
                <PassRateBar ruleTitle={rule.title} totals={rule.totals} />
              </TableCell>
              <TableCell align="right">
                {failing > 0 && complianceLink ? (
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
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
