// Decides from the first bytes whether a file is text worth scanning. Node-only (Buffer), no I/O.

/** What the first bytes of a file look like. */
export type ContentKind = 'text' | 'gzip' | 'binary';

export interface SniffResult {
  kind: ContentKind;
  /** Why it is not text, for the user: e.g. `32% NUL bytes in the first 64 KB`. */
  reason?: string;
}

/** How much of the start of a file is looked at. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Classifies the start of a file. NUL bytes or a high share of invalid UTF-8 / control bytes mean
 * binary (journald's binary `.journal` files, core dumps, images); the gzip magic means a rotated,
 * compressed log that can be scanned after decompression. A few stray bad bytes stay text: crashed
 * syslog files often carry some.
 *
 * @example sniffContent(Buffer.from('Aug 06 07:59:04 host kubelet[1]: …')) // → { kind: 'text' }
 */
export function sniffContent(head: Buffer): SniffResult {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    return { kind: 'gzip' };
  }
  const sample = head.subarray(0, SNIFF_BYTES);
  if (sample.length === 0) {
    return { kind: 'text' };
  }
  let nul = 0;
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) {
      nul++;
    } else if (
      byte < 0x20 &&
      byte !== 0x09 &&
      byte !== 0x0a &&
      byte !== 0x0d &&
      byte !== 0x0c &&
      byte !== 0x1b
    ) {
      control++;
    }
  }
  const invalid = countInvalidUtf8(sample);
  const percent = (n: number) => Math.round((100 * n) / sample.length);
  if (nul / sample.length > 0.01) {
    return { kind: 'binary', reason: `${percent(nul)}% NUL bytes in the first ${kb(sample.length)}` };
  }
  if ((control + invalid) / sample.length > 0.1) {
    return {
      kind: 'binary',
      reason: `${percent(control + invalid)}% control bytes or invalid UTF-8 in the first ${kb(sample.length)}`,
    };
  }
  return { kind: 'text' };
}

/** Counts bytes that are not part of a well-formed UTF-8 sequence (a cut sequence at the end is fine). */
export function countInvalidUtf8(bytes: Uint8Array): number {
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) {
      invalid++;
      i++;
      continue;
    }
    let ok = true;
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length) {
        return invalid;
      }
      if ((bytes[i + k] & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
    }
    if (ok) {
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return invalid;
}

function kb(bytes: number): string {
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}
