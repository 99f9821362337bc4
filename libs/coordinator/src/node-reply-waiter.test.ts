import { NodeReplyWaiter } from './node-reply-waiter';

describe('NodeReplyWaiter', () => {
  it("resolves with the node's reply for that round, and ignores replies nobody waits for", async () => {
    const waiter = new NodeReplyWaiter<string>(60_000);
    const sent: string[] = [];
    const reply = waiter.ask('node-b', 'run/2/1', new AbortController().signal, () => sent.push('asked'));
    expect(sent).toEqual(['asked']);
    waiter.settle('node-b', 'run/1/1', 'an earlier round');
    waiter.settle('node-c', 'run/2/1', 'another node');
    waiter.settle('node-b', 'run/2/1', 'partial');
    await expect(reply).resolves.toBe('partial');
    waiter.settle('node-b', 'run/2/1', 'late'); // settled already: nothing waits, nothing throws
  });

  it('resolves with undefined when the round is aborted before the reply', async () => {
    const waiter = new NodeReplyWaiter<string>(60_000);
    const abort = new AbortController();
    const reply = waiter.ask('node-b', 'run/2/1', abort.signal, () => undefined);
    abort.abort();
    await expect(reply).resolves.toBeUndefined();
  });

  it('resolves with undefined when no reply comes within the timeout', async () => {
    const waiter = new NodeReplyWaiter<string>(0);
    await expect(
      waiter.ask('node-b', 'run/2/1', new AbortController().signal, () => undefined),
    ).resolves.toBeUndefined();
  });

  it('resolves with undefined at once, without asking, when the round was aborted before it asked', async () => {
    // A train stage stopped by the coordinator's close (or a lost lease) still collects: it must not
    // wait out the timeout (an hour here: the test would time out) nor ask the nodes for anything.
    const waiter = new NodeReplyWaiter<string>(3_600_000);
    const sent: string[] = [];
    const reply = await waiter.ask('node-b', 'run/2/1', AbortSignal.abort(), () => sent.push('asked'));
    expect(reply).toBeUndefined();
    expect(sent).toEqual([]);
  });
});
