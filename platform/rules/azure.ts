import type { AzureEnvironment, Platform } from "../schema";
import type { Problem } from "../problem";
import { CIDR_EXPECTED, type Cidr, contains, overlaps, parseCidr } from "../syntax/cidr";
import type { SpecRule } from "./rule";

/** Azure regions as Resource Manager spells them (public cloud, US Government, China). */
export const AZURE_REGIONS: ReadonlySet<string> = new Set([
  "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral",
  "brazilsouth", "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral",
  "eastasia", "eastus", "eastus2", "francecentral", "francesouth", "germanynorth", "germanywestcentral",
  "indonesiacentral", "israelcentral", "italynorth", "japaneast", "japanwest", "koreacentral", "koreasouth",
  "malaysiawest", "mexicocentral", "newzealandnorth", "northcentralus", "northeurope", "norwayeast", "norwaywest",
  "polandcentral", "qatarcentral", "southafricanorth", "southafricawest", "southcentralus", "southeastasia",
  "southindia", "spaincentral", "swedencentral", "swedensouth", "switzerlandnorth", "switzerlandwest", "uaecentral",
  "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westindia", "westus", "westus2", "westus3",
  "usgovarizona", "usgovtexas", "usgovvirginia", "chinaeast2", "chinaeast3", "chinanorth2", "chinanorth3",
]);

export const STORAGE_ACCOUNT_NAME = /^[a-z0-9]{3,24}$/;
type SubnetField = "hostSubnetCidr" | "containerSubnetCidr" | "privateEndpointSubnetCidr";
const SUBNET_FIELDS: ReadonlyArray<SubnetField> = ["hostSubnetCidr", "containerSubnetCidr", "privateEndpointSubnetCidr"];

/** Databricks VNet injection: the VNet between /16 and /24, each delegated subnet between /16 and /26. */
const VNET_PREFIX = { min: 16, max: 24 };
const SUBNET_PREFIX = { min: 16, max: 26 };

function checkLocation(location: string, at: string): Problem[] {
  if (AZURE_REGIONS.has(location)) return [];
  const spelled = location.toLowerCase().replace(/\s+/g, "");
  const hint = AZURE_REGIONS.has(spelled) ? `; write it as "${spelled}"` : "";
  return [{ path: `${at}.azure.location`, value: location, message: `expected an Azure region name as Resource Manager spells it (lower-case, no spaces), e.g. westeurope, northeurope, eastus2${hint}` }];
}

function checkNetwork(n: AzureEnvironment["azure"]["network"], at: string): Problem[] {
  const problems: Problem[] = [];
  const path = (field: string) => `${at}.azure.network.${field}`;
  const vnet = parseCidr(n.vnetCidr);
  if (!vnet) problems.push({ path: path("vnetCidr"), value: n.vnetCidr, message: CIDR_EXPECTED });
  else if (vnet.prefix < VNET_PREFIX.min || vnet.prefix > VNET_PREFIX.max) {
    problems.push({ path: path("vnetCidr"), value: n.vnetCidr, message: `Databricks needs a VNet between /${VNET_PREFIX.min} and /${VNET_PREFIX.max}` });
  }
  const subnet = (field: SubnetField): Cidr | null => {
    const text = n[field] as string;
    const cidr = parseCidr(text);
    const message = !cidr
      ? CIDR_EXPECTED
      : vnet && !contains(vnet, cidr)
        ? `must lie inside vnetCidr ${n.vnetCidr}`
        : cidr.prefix < SUBNET_PREFIX.min || cidr.prefix > SUBNET_PREFIX.max
          ? `Databricks needs subnets between /${SUBNET_PREFIX.min} and /${SUBNET_PREFIX.max}`
          : null;
    if (message) problems.push({ path: path(field), value: text, message });
    return message ? null : cidr;
  };
  const fields = SUBNET_FIELDS.filter((f) => n[f] !== undefined);
  const blocks = fields.map((f) => [f, subnet(f)] as const);
  blocks.forEach(([field, cidr], i) =>
    blocks.slice(0, i).forEach(([other, earlier]) => {
      if (cidr && earlier && overlaps(cidr, earlier)) {
        problems.push({ path: path(field), value: n[field], message: `overlaps ${other} ${n[other]}; the subnets must be disjoint` });
      }
    }),
  );
  return problems;
}

/** A given lake storage account name is valid (uniqueness against derived names: naming/rules); regions and VNet layouts are ones Azure Databricks accepts. */
export const azureRules: SpecRule = (p: Platform) => {
  const problems: Problem[] = [];
  p.environments.forEach((env, i) => {
    if (env.cloud !== "azure") return;
    const at = `environments[${i}]`;
    const given = env.azure.storageAccountName;
    if (given !== undefined && !STORAGE_ACCOUNT_NAME.test(given)) {
      problems.push({ path: `${at}.azure.storageAccountName`, value: given, message: "a storage account name is 3-24 lower-case letters and digits" });
    }
    problems.push(...checkLocation(env.azure.location, at), ...checkNetwork(env.azure.network, at));
    if (!env.azure.publicNetworkAccess && env.azure.network.privateEndpointSubnetCidr === undefined) {
      problems.push({
        path: `${at}.azure.network.privateEndpointSubnetCidr`,
        value: undefined,
        message: "a workspace without public network access is reachable only through Private Link: give a subnet for its private endpoints",
      });
    }
  });
  return problems;
};
