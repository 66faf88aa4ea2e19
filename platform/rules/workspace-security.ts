import type { Problem } from "../problem";
import type { Platform } from "../schema";
import { CIDR_EXPECTED, contains, overlaps, parseCidr } from "../syntax/cidr";
import { natSubnetBlock } from "../network";
import { duplicates, type SpecRule } from "./rule";

/** IP access list labels are unique; AWS Private Link has a VPC with room for its endpoint subnets. */
export const workspaceSecurityRules: SpecRule = (p: Platform) =>
  p.environments.flatMap((env, i): Problem[] => {
    const at = `environments[${i}]`;
    const problems = duplicates(env.security.ipAccessLists, (l) => l.label, (k) => `${at}.security.ipAccessLists[${k}].label`, "IP access list labels");
    if (env.cloud !== "aws" || !env.aws.privateLink) return problems;
    const link = env.aws.privateLink;
    const network = env.aws.network;
    if (!network) {
      problems.push({ path: `${at}.aws.privateLink`, value: link, message: "back-end Private Link needs a customer-managed VPC: set aws.network" });
      return problems;
    }
    if (link.endpointSubnetCidrs.length > network.availabilityZones.length) {
      problems.push({
        path: `${at}.aws.privateLink.endpointSubnetCidrs`,
        value: link.endpointSubnetCidrs,
        message: `at most one endpoint subnet per availability zone (${network.availabilityZones.join(", ")})`,
      });
    }
    const vpc = parseCidr(network.vpcCidr);
    const taken = [...network.privateSubnetCidrs.map(parseCidr), natSubnetBlock(network.vpcCidr)].filter((c) => c !== null);
    link.endpointSubnetCidrs.forEach((text, k) => {
      const path = `${at}.aws.privateLink.endpointSubnetCidrs[${k}]`;
      const cidr = parseCidr(text);
      if (!cidr) problems.push({ path, value: text, message: CIDR_EXPECTED });
      else if (vpc && !contains(vpc, cidr)) problems.push({ path, value: text, message: `must lie inside the VPC ${network.vpcCidr}` });
      else if (taken.some((t) => overlaps(t, cidr))) problems.push({ path, value: text, message: "overlaps a private subnet or the NAT subnet of the VPC" });
      else taken.push(cidr);
    });
    return problems;
  });
