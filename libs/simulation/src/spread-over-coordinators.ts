import type { SimulatedClientSpec } from './simulated-client-spec';

/**
 * Assigns each simulated client a coordinator node, round-robin in spec order: client i connects
 * to `urls[i % urls.length]`, so N clients over k nodes put ceil(N/k) or floor(N/k) on each, and
 * fails over to the other nodes in list order after its own (`failoverUrls`), so every client
 * knows the whole list. With one URL the specs come back unchanged (the fleet's URL applies).
 *
 * @example
 * spreadOverCoordinators(specs, ['http://127.0.0.1:7070', 'http://127.0.0.1:7071']);
 * // sim-0 -> :7070 (then :7071), sim-1 -> :7071 (then :7070), sim-2 -> :7070, ...
 */
export function spreadOverCoordinators(
  specs: readonly SimulatedClientSpec[],
  urls: readonly string[],
): SimulatedClientSpec[] {
  if (urls.length === 0) throw new RangeError('urls must name at least one coordinator');
  if (urls.length === 1) return [...specs];
  return specs.map((spec, i) => {
    const own = i % urls.length;
    return {
      ...spec,
      coordinatorUrl: urls[own],
      failoverUrls: [...urls.slice(own + 1), ...urls.slice(0, own)],
    };
  });
}
