/**
 * Constants of the wire form of a `QuantizedUpdate` (all integers and floats little-endian):
 *
 * | offset        | size              | field                                             |
 * |---------------|-------------------|---------------------------------------------------|
 * | 0             | 4                 | magic `45 46 4c 51` ("EFLQ")                      |
 * | 4             | 1                 | format version, 1                                 |
 * | 5             | 1                 | bits per level, 1..16                             |
 * | 6             | 2                 | flags, u16, must be 0                             |
 * | 8             | 4                 | length (values), u32                              |
 * | 12            | 4                 | segment count S, u32                              |
 * | 16            | 4 S               | segment lengths, u32 each                         |
 * | 16 + 4 S      | 4 S               | offsets, f32 each                                 |
 * | 16 + 8 S      | 4 S               | steps, f32 each                                   |
 * | 16 + 12 S     | ceil(length*bits/8) | levels, bit-packed as by `packBits`             |
 */
export const QUANTIZED_UPDATE_MAGIC = Uint8Array.of(0x45, 0x46, 0x4c, 0x51);
export const QUANTIZED_UPDATE_VERSION = 1;
export const QUANTIZED_UPDATE_HEADER_BYTES = 16;
/** Bytes per range segment: length u32, offset f32, step f32. */
export const QUANTIZED_UPDATE_SEGMENT_BYTES = 12;
