export { SeededRandom } from './seeded-random';
export { deriveSeed } from './derive-seed';
