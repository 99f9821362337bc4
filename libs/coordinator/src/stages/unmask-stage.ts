import { RoundStage, parseSecAggRevealMessage } from '@edgefl/protocol';
import { SecureStage } from './secure-stage';
import { checkClientIndex } from './check-client-index';

/**
 * Secure stage 5, or 6 after the consistency check (Unmask): each survivor (each signer, with the
 * check) reveals the self-seed shares of its surviving peers and
 * the mask-key shares of its dropped ones, exactly as asked. Closing rebuilds the secrets (t
 * shares each, else the attempt is abandoned before anything is combined) and removes every
 * mask: the exact sum of the survivors' inputs mod 2^m.
 */
export class UnmaskStage extends SecureStage {
  readonly stage = RoundStage.Unmask;
  readonly event = 'secagg-reveal' as const;

  protected accept(_clientId: string, index: number, raw: unknown): void {
    const message = parseSecAggRevealMessage(raw);
    checkClientIndex(message.clientIndex, index, this.event);
    this.secure.server.receiveRevealedShares(message);
  }

  /** Enough once every secret to rebuild has t shares: closing then cannot fail for want of shares. */
  protected override enough(): boolean {
    return this.secure.server.sharesComplete();
  }

  protected close(): void {
    const result = this.secure.server.finish();
    this.secure.sum = result.sum;
    this.secure.survivors = result.survivors;
    // Robust reconstruction corrected their shares; the sum is right, and they are caught.
    for (const index of result.wrongShareHolders) {
      this.state.blame.evidence.set(
        this.secure.cohortIndex.clientIdOf(index),
        'revealed shares that robust reconstruction found wrong',
      );
    }
  }
}
