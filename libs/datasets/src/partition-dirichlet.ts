import type { SeededRandom } from '@edgefl/random';
import { sampleDirichlet } from './sample-dirichlet';

/**
 * Label-skewed split (Hsu et al. 2019, "Measuring the Effects of Non-Identical Data Distribution"):
 * for each class, proportions p ~ Dir(alpha) over clients, and that class's shuffled examples cut
 * at the rounded cumulative proportions. Small alpha gives each client few classes; large alpha
 * approaches IID. Some clients may come out empty; the caller tops them up.
 */
export function partitionDirichlet(
  labels: Uint8Array,
  numClients: number,
  alpha: number,
  rng: SeededRandom,
): number[][] {
  const byClass = new Map<number, number[]>();
  labels.forEach((label, index) => {
    const members = byClass.get(label);
    if (members) members.push(index);
    else byClass.set(label, [index]);
  });
  const clients: number[][] = Array.from({ length: numClients }, () => []);
  const classIds = [...byClass.keys()].sort((a, b) => a - b);
  for (const classId of classIds) {
    const members = rng.shuffle(byClass.get(classId) ?? []);
    const proportions = sampleDirichlet(rng, alpha, numClients);
    let cumulative = 0;
    let start = 0;
    for (let c = 0; c < numClients; c++) {
      cumulative += proportions[c];
      const end =
        c === numClients - 1 ? members.length : Math.min(members.length, Math.round(cumulative * members.length));
      for (let i = start; i < end; i++) clients[c].push(members[i]);
      start = Math.max(start, end);
    }
  }
  return clients;
}
