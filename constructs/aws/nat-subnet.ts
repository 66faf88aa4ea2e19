/**
 * Where the NAT gateway of a customer-managed VPC goes. The spec names only the private subnets;
 * the NAT needs a small public one, carved from the top of the VPC range, where a /28 (the smallest
 * subnet AWS allows) is the least likely to collide with subnets laid out from the bottom.
 */
import { overlaps, parseCidr } from "../../spec/rules/cidr";

const NAT_SUBNET_PREFIX = 28;

export function natSubnetCidr(vpcCidr: string, privateSubnetCidrs: readonly string[]): string {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`vpcCidr ${vpcCidr} is not an IPv4 CIDR block`);
  const start = vpc.end + 1 - 2 ** (32 - NAT_SUBNET_PREFIX);
  const nat = { start, end: vpc.end, prefix: NAT_SUBNET_PREFIX };
  const cidr = `${formatIp(start)}/${NAT_SUBNET_PREFIX}`;
  const clash = privateSubnetCidrs.find((s) => {
    const subnet = parseCidr(s);
    return subnet !== null && overlaps(subnet, nat);
  });
  if (clash !== undefined) {
    throw new Error(`the NAT subnet ${cidr} (the last /${NAT_SUBNET_PREFIX} of vpcCidr ${vpcCidr}) overlaps private subnet ${clash}: leave the top of the VPC range free`);
  }
  return cidr;
}

const formatIp = (ip: number) => [24, 16, 8, 0].map((shift) => Math.floor(ip / 2 ** shift) % 256).join(".");
