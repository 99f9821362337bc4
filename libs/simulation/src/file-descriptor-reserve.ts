import { closeSync, openSync } from 'node:fs';

/**
 * Descriptors the simulator keeps in reserve while its clients connect: when the open-file limit
 * cuts the clients short, the process still has room for its own files (the report, worker start-up)
 * and the coordinator process, under the same hard limit and with about as many descriptors of its
 * own, keeps room to accept every client this one did connect.
 */
export const FILE_DESCRIPTOR_RESERVE = 32;

/**
 * Holds `count` descriptors (of /dev/null) until {@link FileDescriptorReserve.release}; holds fewer
 * when fewer are free.
 *
 * @example
 * const reserve = FileDescriptorReserve.hold(FILE_DESCRIPTOR_RESERVE);
 * await clientsConnected;
 * reserve.release();
 */
export class FileDescriptorReserve {
  private constructor(private readonly descriptors: number[]) {}

  static hold(count: number): FileDescriptorReserve {
    const descriptors: number[] = [];
    try {
      for (let i = 0; i < count; i++) descriptors.push(openSync('/dev/null', 'r'));
    } catch {
      // Out of descriptors already (or no /dev/null): hold what was opened.
    }
    return new FileDescriptorReserve(descriptors);
  }

  /** Descriptors held. */
  get size(): number {
    return this.descriptors.length;
  }

  /** Closes them; safe to call more than once. */
  release(): void {
    for (const descriptor of this.descriptors.splice(0)) closeSync(descriptor);
  }
}
