import { MemoryRoundStore } from './memory-round-store';
import { describeRoundStoreContract } from './testing/round-store-contract';

describeRoundStoreContract('MemoryRoundStore', async () => new MemoryRoundStore(), { survivesReopen: false });
