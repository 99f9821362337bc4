import { MemoryClientRegistry } from './memory-client-registry';
import { describeClientRegistryContract } from './testing/client-registry-contract';

describeClientRegistryContract('MemoryClientRegistry', async () => new MemoryClientRegistry());
