/** IPv4 CIDR helpers shared by the AWS and Azure network rules. */
export interface Cidr {
  readonly start: number;
  readonly end: number;
  readonly prefix: number;
}

export function parseCidr(text: string): Cidr | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return null;
  const ip = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (ip % size !== 0) return null; // host bits set: "10.0.0.1/16" is almost always a typo
  return { start: ip, end: ip + size - 1, prefix };
}

export const contains = (outer: Cidr, inner: Cidr) => inner.start >= outer.start && inner.end <= outer.end;
export const overlaps = (a: Cidr, b: Cidr) => a.start <= b.end && b.start <= a.end;

export const CIDR_EXPECTED = 'expected an IPv4 CIDR block with no host bits set, e.g. "10.20.0.0/16"';
