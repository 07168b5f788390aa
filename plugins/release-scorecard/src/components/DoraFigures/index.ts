export { DoraFigures, doraFigures } from './DoraFigures';
