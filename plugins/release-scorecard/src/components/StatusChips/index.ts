export { StatusChip } from './StatusChip';
export { TierChip } from './TierChip';
export {
  RuleStatusChip,
  RuleStatusIcon,
  RULE_STATUS_LABELS,
} from './RuleStatusChip';
export { GateChip } from './GateChip';
export { ReadinessChip, READINESS_LABELS } from './ReadinessChip';
export * from './statusColors';
