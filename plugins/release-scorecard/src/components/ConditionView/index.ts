export { ConditionView } from './ConditionView';
