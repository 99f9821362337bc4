import { generateRoundKeyPairs, signKeyAdvertisement } from '../key-advertisement';
import type { KeyAdvertisement } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import type { ClientRoundState } from './client-round-state';

/** AdvertiseKeys, client side: fresh share-encryption and mask-agreement key pairs, signed. */
export function advertiseKeysStage(state: ClientRoundState): KeyAdvertisement {
  state.keys = generateRoundKeyPairs(state.randomBytes);
  const advertisement = signKeyAdvertisement(
    {
      roundId: state.roundId,
      clientIndex: state.clientIndex,
      shareKey: state.keys.shareEncryption.publicKey,
      maskKey: state.keys.maskAgreement.publicKey,
    },
    state.identitySecretKey,
  );
  state.stage = RoundStage.AdvertiseKeys;
  return advertisement;
}
