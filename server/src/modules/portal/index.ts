export { portal } from './portal';
