import { closeThenDisconnect } from './close-then-disconnect';

describe('closeThenDisconnect', () => {
  it('disconnects after the close resolves', async () => {
    const steps: string[] = [];
    await closeThenDisconnect(
      async () => void steps.push('close'),
      () => steps.push('disconnect'),
    );
    expect(steps).toEqual(['close', 'disconnect']);
  });

  it('still disconnects when the close rejects (the parent waits for that), and rejects with its error', async () => {
    const steps: string[] = [];
    await expect(
      closeThenDisconnect(
        async () => {
          steps.push('close');
          throw new Error('the store would not close');
        },
        () => steps.push('disconnect'),
      ),
    ).rejects.toThrow('the store would not close');
    expect(steps).toEqual(['close', 'disconnect']);
  });
});
