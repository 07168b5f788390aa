export { DoraDetailsTables } from './DoraDetailsTables';
