import type { EnvironmentSpec, Platform } from "../schema";
import type { Problem } from "../problem";
import { formatCidr, natSubnetBlock } from "../network";
import { CIDR_EXPECTED, contains, overlaps, parseCidr } from "../syntax/cidr";
import { quartzCronError } from "../syntax/quartz";
import { duplicates, type SpecRule } from "./rule";

const TIME_ZONES = new Set(Intl.supportedValuesOf("timeZone").concat(["UTC", "Etc/UTC"]));

function checkCompute(env: EnvironmentSpec, at: string): Problem[] {
  const c = env.compute;
  const problems: Problem[] = [];
  if (c.minWorkers > c.maxWorkers) {
    problems.push({ path: `${at}.compute.minWorkers`, value: c.minWorkers, message: `must be <= maxWorkers (${c.maxWorkers})` });
  }
  if (c.instancePool && c.instancePool.minIdleInstances > c.instancePool.maxCapacity) {
    problems.push({
      path: `${at}.compute.instancePool.minIdleInstances`,
      value: c.instancePool.minIdleInstances,
      message: `must be <= maxCapacity (${c.instancePool.maxCapacity})`,
    });
  }
  if (c.instancePool && c.instancePool.maxCapacity < c.maxWorkers + 1) {
    problems.push({
      path: `${at}.compute.instancePool.maxCapacity`,
      value: c.instancePool.maxCapacity,
      message: `must hold the largest cluster: at least maxWorkers + 1 driver (${c.maxWorkers + 1})`,
    });
  }
  const allowed = c.allowedNodeTypes;
  [c.nodeType, c.driverNodeType].forEach((t, i) => {
    if (allowed && t && !allowed.includes(t)) {
      problems.push({ path: `${at}.compute.${i === 0 ? "nodeType" : "driverNodeType"}`, value: t, message: `must be one of allowedNodeTypes: ${allowed.join(", ")}` });
    }
  });
  return problems;
}

function checkSchedule(env: EnvironmentSpec, at: string): Problem[] {
  const problems: Problem[] = [];
  const cronError = quartzCronError(env.schedule.quartzCron);
  if (cronError) problems.push({ path: `${at}.schedule.quartzCron`, value: env.schedule.quartzCron, message: cronError });
  if (!TIME_ZONES.has(env.schedule.timezone)) {
    problems.push({ path: `${at}.schedule.timezone`, value: env.schedule.timezone, message: 'expected an IANA time zone such as "Europe/Amsterdam" or "UTC"' });
  }
  return problems;
}

function checkAwsNetwork(env: EnvironmentSpec, at: string): Problem[] {
  if (env.cloud !== "aws" || !env.aws.network) return [];
  const n = env.aws.network;
  const problems: Problem[] = [];
  const vpc = parseCidr(n.vpcCidr);
  const nat = natSubnetBlock(n.vpcCidr);
  if (!vpc) problems.push({ path: `${at}.aws.network.vpcCidr`, value: n.vpcCidr, message: CIDR_EXPECTED });
  const subnets = n.privateSubnetCidrs.map((s, i) => {
    const cidr = parseCidr(s);
    const path = `${at}.aws.network.privateSubnetCidrs[${i}]`;
    if (!cidr) problems.push({ path, value: s, message: CIDR_EXPECTED });
    else if (vpc && !contains(vpc, cidr)) problems.push({ path, value: s, message: `must lie inside vpcCidr ${n.vpcCidr}` });
    else if (cidr.prefix < 17 || cidr.prefix > 26) problems.push({ path, value: s, message: "Databricks needs subnets between /17 and /26" });
    else if (nat && overlaps(nat, cidr)) problems.push({ path, value: s, message: `overlaps the NAT subnet ${formatCidr(nat)}: leave the last /28 of vpcCidr free` });
    return cidr;
  });
  subnets.forEach((a, i) =>
    subnets.slice(0, i).forEach((b) => {
      if (a && b && overlaps(a, b)) {
        problems.push({ path: `${at}.aws.network.privateSubnetCidrs[${i}]`, value: n.privateSubnetCidrs[i], message: "overlaps another private subnet" });
      }
    }),
  );
  if (n.availabilityZones.length !== n.privateSubnetCidrs.length) {
    problems.push({ path: `${at}.aws.network.availabilityZones`, value: n.availabilityZones, message: `needs one zone per private subnet (${n.privateSubnetCidrs.length})` });
  }
  return problems;
}

const regionOf = (env: EnvironmentSpec) => (env.cloud === "aws" ? env.aws.region : env.azure.location);

/** Stack names are unique; compute bounds hold; cron and zone are real; one created metastore per region. */
export const environmentRules: SpecRule = (p: Platform) => {
  const created = p.environments.filter((e) => "create" in e.metastore);
  const metastoreClash = created.flatMap((env, i) =>
    created.slice(0, i).some((o) => o.cloud === env.cloud && regionOf(o) === regionOf(env))
      ? [{
          path: `environments[${p.environments.indexOf(env)}].metastore`,
          value: env.metastore,
          message: `a region has one metastore: another environment already creates it in ${env.cloud} ${regionOf(env)}; use { existingId } here`,
        }]
      : [],
  );
  return [
    ...duplicates(p.environments, (e) => `${e.cloud}-${e.name}`, (i) => `environments[${i}].name`, "environment (cloud, name) pairs"),
    ...p.environments.flatMap((env, i) => [
      ...checkCompute(env, `environments[${i}]`),
      ...checkSchedule(env, `environments[${i}]`),
      ...checkAwsNetwork(env, `environments[${i}]`),
    ]),
    ...metastoreClash,
  ];
};
