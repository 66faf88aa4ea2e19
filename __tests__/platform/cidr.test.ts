import { contains, overlaps, parseCidr } from "../../platform/syntax/cidr";

describe("parseCidr", () => {
  it("reads a block as its first and last address", () => {
    expect(parseCidr("10.20.0.0/16")).toStrictEqual({ start: 10 * 2 ** 24 + 20 * 2 ** 16, end: 10 * 2 ** 24 + 20 * 2 ** 16 + 65535, prefix: 16 });
  });
  it.each(["10.0.0.1/16", "10.0.0.0/33", "256.0.0.0/8", "10.0.0.0", "fd00::/8"])("fails if the block is %s", (text) =>
    expect(parseCidr(text)).toBeNull(),
  );
  it("knows containment and overlap", () => {
    const vpc = parseCidr("10.0.0.0/16")!;
    const a = parseCidr("10.0.0.0/19")!;
    const b = parseCidr("10.0.16.0/20")!;
    const outside = parseCidr("10.1.0.0/19")!;
    expect([contains(vpc, a), contains(vpc, outside), overlaps(a, b), overlaps(a, outside)]).toStrictEqual([true, false, true, false]);
  });
});
