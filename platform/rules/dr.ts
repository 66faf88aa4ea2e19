import { secondaryEnvironmentName, smallestRpoMinutes, syncIntervalMinutes } from "../dr";
import type { Problem } from "../problem";
import type { EnvironmentSpec, Platform } from "../schema";
import { didYouMean } from "../suggest";
import { AWS_REGIONS } from "./aws";
import { AZURE_REGIONS } from "./azure";
import type { SpecRule } from "./rule";

const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{0,11}$/;

function checkRegion(env: EnvironmentSpec, region: string, at: string): Problem[] {
  const regions = env.cloud === "aws" ? AWS_REGIONS : AZURE_REGIONS;
  const primary = env.cloud === "aws" ? env.aws.region : env.azure.location;
  if (!regions.has(region)) {
    const example = env.cloud === "aws" ? "eu-central-1, us-east-2" : "northeurope, eastus2";
    return [{ path: `${at}.region`, value: region, message: `expected ${env.cloud === "aws" ? "an AWS region" : "an Azure region as Resource Manager spells it"}${didYouMean(region, regions)}, e.g. ${example}` }];
  }
  if (region === primary) return [{ path: `${at}.region`, value: region, message: `the secondary must be in another region than the primary (${primary}): a regional outage takes both down` }];
  return [];
}

function checkRpo(dr: NonNullable<EnvironmentSpec["dr"]>, at: string): Problem[] {
  if (syncIntervalMinutes(dr) !== undefined) return [];
  const smallest = smallestRpoMinutes(dr.syncTimeoutMinutes);
  return [{
    path: `${at}.rpoMinutes`,
    value: dr.rpoMinutes,
    message: `no table-sync schedule meets it: the sync runs every 5, 10, 15, 20 or 30 minutes or 1, 2, 3, 4, 6, 8, 12 or 24 hours, never more often than one run may take (syncTimeoutMinutes ${dr.syncTimeoutMinutes}), and a failover may lose one interval plus one run; accepted: at least ${smallest} minutes, or a lower syncTimeoutMinutes`,
  }];
}

function checkZones(env: EnvironmentSpec, dr: NonNullable<EnvironmentSpec["dr"]>, at: string): Problem[] {
  if (env.cloud === "azure") {
    return dr.availabilityZones === undefined ? [] : [{ path: `${at}.availabilityZones`, value: dr.availabilityZones, message: "only AWS environments with aws.network take zones; remove it" }];
  }
  if (env.aws.network === undefined) return [];
  if (dr.availabilityZones === undefined) {
    return [{ path: `${at}.availabilityZones`, value: undefined, message: `the secondary workspace's VPC needs at least two zones of ${dr.region} (the primary's lie in ${env.aws.region}), e.g. ["${dr.region}a", "${dr.region}b"]` }];
  }
  if (!AWS_REGIONS.has(dr.region)) return [];
  return dr.availabilityZones.flatMap((zone, k) =>
    new RegExp(`^${dr.region}[a-z]$`).test(zone) ? [] : [{ path: `${at}.availabilityZones[${k}]`, value: zone, message: `expected a zone of ${dr.region}, e.g. ${dr.region}a` }],
  );
}

function checkKey(env: EnvironmentSpec, dr: NonNullable<EnvironmentSpec["dr"]>, at: string): Problem[] {
  if (env.cloud === "aws") {
    return dr.customerManagedKey === undefined ? [] : [{ path: `${at}.customerManagedKey`, value: dr.customerManagedKey, message: "only Azure environments take a Key Vault key; an AWS secondary creates its keys in its region (aws.customerManagedKeys); remove it" }];
  }
  if (env.azure.customerManagedKey === undefined || dr.customerManagedKey !== undefined) return [];
  return [{ path: `${at}.customerManagedKey`, value: undefined, message: `the primary encrypts with a customer-managed key, so the secondary needs one too: a key in a Key Vault of ${dr.region}, { keyVaultId, keyName }` }];
}

/**
 * A `dr` block names a real region of the environment's cloud other than the primary's, an RPO the
 * table sync can meet (platform/dr.ts), zones for the secondary's VPC, its own key where the primary
 * has one, and leaves the secondary a
 * valid environment name no other environment of the cloud uses.
 */
export const drRules: SpecRule = (p: Platform) =>
  p.environments.flatMap((env, i): Problem[] => {
    const dr = env.dr;
    if (dr === undefined) return [];
    const at = `environments[${i}].dr`;
    const secondary = secondaryEnvironmentName(env.name);
    const clash = p.environments.find((other) => other.cloud === env.cloud && other.name === secondary);
    return [
      ...checkRegion(env, dr.region, at),
      ...checkRpo(dr, at),
      ...checkZones(env, dr, at),
      ...checkKey(env, dr, at),
      ...(ENVIRONMENT_NAME.test(secondary) ? [] : [{ path: `environments[${i}].name`, value: env.name, message: `the secondary takes the name "${secondary}", longer than 12 characters: with dr, a name has at most 10` }]),
      ...(clash ? [{ path: `environments[${i}].name`, value: env.name, message: `the secondary takes the name "${secondary}", which another ${env.cloud} environment already has; rename one` }] : []),
    ];
  });
