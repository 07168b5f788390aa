import {
  ComplianceTotals,
  RuleStatus,
} from '@internal/plugin-release-scorecard-common';

export function emptyComplianceTotals(): ComplianceTotals {
  return {
    pass: 0,
    fail: 0,
    exempt: 0,
    noData: 0,
    notApplicable: 0,
    compliancePercent: null,
  };
}

/** Adds `count` results of `status` to `totals`, and updates the percentage. */
export function addToComplianceTotals(
  totals: ComplianceTotals,
  status: RuleStatus,
  count: number,
): void {
  switch (status) {
    case 'pass':
      totals.pass += count;
      break;
    case 'fail':
      totals.fail += count;
      break;
    case 'exempt':
      totals.exempt += count;
      break;
    case 'no-data':
      totals.noData += count;
      break;
    default:
      totals.notApplicable += count;
  }
  // A rule without data is not met (docs/scoring.md): it counts.
  const applicable = totals.pass + totals.exempt + totals.fail + totals.noData;
  totals.compliancePercent =
    applicable > 0
      ? Math.round((1000 * (totals.pass + totals.exempt)) / applicable) / 10
      : null;
}
