/** The wire protocol version this build speaks. Bumped on any incompatible change to a message or codec. */
export const PROTOCOL_VERSION = 1;

/** Versions this build can speak, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [PROTOCOL_VERSION];
