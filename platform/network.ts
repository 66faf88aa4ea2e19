/**
 * Derived network layout of a customer-managed AWS VPC. The spec names only the private subnets;
 * the NAT gateway needs a small public one, carved from the top of the VPC range, where a /28 (the
 * smallest subnet AWS allows) is least likely to collide with subnets laid out from the bottom.
 * Validation rejects a spec whose private subnets reach into it.
 */
import { type Cidr, parseCidr } from "./syntax/cidr";

const NAT_SUBNET_PREFIX = 28;

/** The NAT subnet of a VPC: its last /28. Null when vpcCidr is not a CIDR block. */
export function natSubnetBlock(vpcCidr: string): Cidr | null {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) return null;
  return { start: vpc.end + 1 - 2 ** (32 - NAT_SUBNET_PREFIX), end: vpc.end, prefix: NAT_SUBNET_PREFIX };
}

export const formatCidr = (c: Cidr) => `${[24, 16, 8, 0].map((shift) => Math.floor(c.start / 2 ** shift) % 256).join(".")}/${c.prefix}`;
