import { assertOpenRound, openRoundFields } from './assert-open-round';
import type { OpenRound, OpenRoundStore } from './open-round';

/** An {@link OpenRoundStore} in process memory (one coordinator, tests); nothing survives a restart, and nothing is fenced. */
export class MemoryOpenRoundStore implements OpenRoundStore {
  private open?: OpenRound;

  async openRound(): Promise<OpenRound | undefined> {
    return this.open && openRoundFields(this.open);
  }

  async putOpenRound(open: OpenRound): Promise<void> {
    assertOpenRound(open);
    this.open = openRoundFields(open);
  }

  async clearOpenRound(roundId: string): Promise<boolean> {
    if (typeof roundId !== 'string') throw new TypeError('roundId must be a string');
    if (this.open?.roundId !== roundId) return false;
    this.open = undefined;
    return true;
  }
}
