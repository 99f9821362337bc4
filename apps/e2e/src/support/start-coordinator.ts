import { Coordinator } from '@edgefl/coordinator';
import type { CoordinatorConfigInput, CoordinatorOptions } from '@edgefl/coordinator';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import type { ModelSpec } from '@edgefl/protocol';

/** 343 parameters: enough structure to exercise the codec, cheap enough for lifecycle tests. */
export const SMALL_MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 };

/** A coordinator on an ephemeral loopback port with a store the test can read. */
export async function startCoordinator(
  config: CoordinatorConfigInput,
  options: Omit<CoordinatorOptions, 'config' | 'store'> = {},
): Promise<{ coordinator: Coordinator; url: string; store: MemoryRoundStore }> {
  const store = new MemoryRoundStore();
  const coordinator = new Coordinator({
    config: { port: 0, host: '127.0.0.1', model: SMALL_MODEL, retryDelayMs: 50, ...config },
    store,
    ...options,
  });
  const { url } = await coordinator.listen();
  return { coordinator, url, store };
}
