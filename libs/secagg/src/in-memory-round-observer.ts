import type { ConsistencySignature, KeyAdvertisement, RevealedShares, SharesUpload } from './secagg-messages';

/** A call the in-memory driver makes, on the server round or on one client's session. */
export type InMemoryRoundStep =
  | {
      readonly side: 'server';
      /**
       * `setup`: the constructor (graph); `receive`: receive*; `unpack`: unpackMaskedVector of an
       * upload (with `packMaskedInputs`); `close`: close*; `finish`; `routing`: the look-ups that
       * build what a client is sent (advertisementsFor, sharesFor, consistencyRequestFor,
       * consistencyDeliveryFor, unmaskRequestFor).
       */
      readonly step: 'setup' | 'receive' | 'unpack' | 'close' | 'finish' | 'routing';
    }
  | {
      readonly side: 'client';
      /** The client's 1-based cohort position (the wire's `clientIndex`). */
      readonly clientIndex: number;
      /**
       * `advertise`: advertiseKeys; `share`: shareKeys; `mask`: maskInput; `pack`: packMaskedVector
       * (with `packMaskedInputs`); `sign`: signSurvivors; `check`: checkConsistency; `unmask`.
       */
      readonly step: 'advertise' | 'share' | 'mask' | 'pack' | 'sign' | 'check' | 'unmask';
    };

/** A message a client uploads in the in-memory driver, as the session produced it. */
export type InMemoryUpload =
  | { readonly kind: 'advertisement'; readonly advertisement: KeyAdvertisement }
  | { readonly kind: 'shares'; readonly shares: SharesUpload }
  | {
      readonly kind: 'masked-input';
      readonly masked: Uint32Array;
      /** The vector packed at m bits, as it goes on the wire (with `packMaskedInputs`). */
      readonly packed?: Uint8Array;
    }
  | { readonly kind: 'consistency-signature'; readonly signature: ConsistencySignature }
  | { readonly kind: 'revealed-shares'; readonly revealed: RevealedShares };

/**
 * Watches an in-memory round (see `runInMemorySecAggRound`'s `observer`), for example to time each
 * call on its own and to count the bytes each client uploads.
 *
 * @example
 * const observer: InMemoryRoundObserver = {
 *   around: (step, call) => { const start = performance.now(); try { return call(); } finally { record(step, performance.now() - start); } },
 *   upload: (clientIndex, message) => count(clientIndex, message),
 * };
 */
export interface InMemoryRoundObserver {
  /** Runs `call` for `step` and returns its value; errors must pass through unchanged. */
  readonly around?: <T>(step: InMemoryRoundStep, call: () => T) => T;
  /** Called with each message a client uploads, before the server receives it. */
  readonly upload?: (clientIndex: number, message: InMemoryUpload) => void;
}
