/**
 * IP literals and CIDR blocks for the `cidr` operator (IPv4 and IPv6, as EventBridge documents).
 * Written by hand rather than with `node:net`'s BlockList so the pattern module stays free of
 * Node-only imports and a match is a few integer comparisons with no allocation beyond the parse.
 */

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
export type IpBytes = Uint8Array;

/** Parses a dotted-quad IPv4 address ("10.0.0.33") into `into` at `offset`; false if `text` is not one. */
function parseIpv4(text: string, into: Uint8Array, offset: number): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46; // a virtual '.' closes the last part
    if (code >= 48 && code <= 57) {
      value = value * 10 + (code - 48);
      if (++digits > 3 || value > 255) return false;
    } else if (code === 46) {
      if (digits === 0 || part > 3) return false;
      into[offset + part++] = value;
      value = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  return part === 4;
}

/** Parses the colon-separated 16-bit groups of one side of "::"; the last may be a dotted quad if `v4Tail`. */
function parseGroups(text: string, v4Tail: boolean): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const words: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? '';
    if (v4Tail && i === groups.length - 1 && group.includes('.')) {
      // "::ffff:10.0.0.1": a trailing dotted quad stands for the last two groups.
      const quad = new Uint8Array(4);
      if (!parseIpv4(group, quad, 0)) return undefined;
      words.push(((quad[0] ?? 0) << 8) | (quad[1] ?? 0), ((quad[2] ?? 0) << 8) | (quad[3] ?? 0));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) {
      words.push(parseInt(group, 16));
    } else {
      return undefined;
    }
  }
  return words;
}

/** Parses an IPv6 address, compressed (`::`) or not, with an optional dotted IPv4 tail; no zone ids. */
function parseIpv6(text: string): IpBytes | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const head = parseGroups(halves[0] ?? '', !compressed);
  const tail = compressed ? parseGroups(halves[1] ?? '', true) : [];
  if (!head || !tail) return undefined;
  if (compressed ? head.length + tail.length > 7 : head.length !== 8) return undefined;
  const words = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[2 * i] = word >> 8;
    bytes[2 * i + 1] = word & 0xff;
  });
  return bytes;
}

/** Parses an IPv4 or IPv6 literal into bytes; undefined for anything else (host names included). */
export function parseIp(text: string): IpBytes | undefined {
  if (text.includes(':')) return parseIpv6(text);
  const bytes = new Uint8Array(4);
  return parseIpv4(text, bytes, 0) ? bytes : undefined;
}

/** Whether two parsed addresses are the same address (same family and bytes). */
export function sameIp(a: IpBytes, b: IpBytes): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A parsed CIDR block. */
export interface CidrBlock {
  readonly network: IpBytes;
  readonly prefixLength: number;
}

/**
 * Parses "10.0.0.0/24" or "2001:db8::/32"; returns an error message when the text is not a CIDR block.
 * Host bits set in the address ("10.0.0.5/24") are cleared: the docs are silent, and the block a
 * reader means by that is the network 10.0.0.0/24. /32 and /128 (a single address) are accepted.
 */
export function parseCidr(text: string): CidrBlock | string {
  const slash = text.indexOf('/');
  if (slash < 0 || slash !== text.lastIndexOf('/')) return `"${text}" is not a CIDR block: exactly one "/" is required`;
  const address = parseIp(text.slice(0, slash));
  if (!address) return `"${text}" is not a CIDR block: "${text.slice(0, slash)}" is not an IPv4 or IPv6 address`;
  const bitsText = text.slice(slash + 1);
  const maxBits = address.length * 8;
  if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > maxBits) {
    return `"${text}" is not a CIDR block: the prefix length must be an integer from 0 to ${maxBits}`;
  }
  const prefixLength = Number(bitsText);
  const network = address.map((byte, i) => byte & byteMask(prefixLength, i));
  return { network, prefixLength };
}

/** The mask of byte `index` for a prefix of `prefixLength` bits. */
function byteMask(prefixLength: number, index: number): number {
  const bits = Math.min(8, Math.max(0, prefixLength - index * 8));
  return (0xff << (8 - bits)) & 0xff;
}

/** Whether `address` lies in `block`; an address of the other IP family never does. */
export function inCidr(block: CidrBlock, address: IpBytes): boolean {
  if (address.length !== block.network.length) return false;
  for (let i = 0; i < address.length; i++) {
    const mask = byteMask(block.prefixLength, i);
    if (mask === 0) return true;
    if (((address[i] ?? 0) & mask) !== block.network[i]) return false;
  }
  return true;
}
