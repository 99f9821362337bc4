import { MemoryOpenRoundStore } from './memory-open-round-store';
import { describeOpenRoundStoreContract } from './testing/open-round-store-contract';

describeOpenRoundStoreContract('MemoryOpenRoundStore', async () => new MemoryOpenRoundStore());
