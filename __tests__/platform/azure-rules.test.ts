import { type PlatformInput, type Problem, SpecError, validatePlatform } from "../../platform";
import { DERIVED_NAME_RULES } from "../../naming/rules";
import { exampleInput } from "../fixtures/platform";

type AzureInput = Extract<PlatformInput["environments"][number], { cloud: "azure" }>;

/** The example with one change to its Azure environments; returns the problems validation reports. */
function problemsAfter(change: (azure: { dev: AzureInput; staging: AzureInput }) => void): Problem[] {
  const input = exampleInput();
  const find = (name: string) => input.environments.find((e): e is AzureInput => e.cloud === "azure" && e.name === name) as AzureInput;
  change({ dev: find("dev"), staging: find("staging") });
  try {
    validatePlatform(input, DERIVED_NAME_RULES);
  } catch (e) {
    if (e instanceof SpecError) return [...e.problems];
    throw e;
  }
  return [];
}

const at = (problems: Problem[], path: string) => problems.filter((p) => p.path === path);

describe("Azure validation rules", () => {
  const dev = exampleInput().environments.findIndex((e) => e.cloud === "azure" && e.name === "dev");

  it("accepts the example's Azure environments", () => {
    expect(problemsAfter(() => undefined)).toStrictEqual([]);
  });

  it("fails if a given storage account name has characters Azure does not allow", () => {
    const problems = problemsAfter(({ dev }) => (dev.azure.storageAccountName = "Rtl-Dev-Lake"));
    expect(at(problems, `environments[${dev}].azure.storageAccountName`)).toStrictEqual([
      { path: `environments[${dev}].azure.storageAccountName`, value: "Rtl-Dev-Lake", message: "a storage account name is 3-24 lower-case letters and digits" },
    ]);
  });

  it("fails if a given storage account name is too long", () => {
    const name = "a".repeat(25);
    const problems = problemsAfter(({ dev }) => (dev.azure.storageAccountName = name));
    expect(at(problems, `environments[${dev}].azure.storageAccountName`).map((p) => p.value)).toStrictEqual([name]);
  });

  it("fails if two environments would share a storage account name", () => {
    const problems = problemsAfter(({ dev, staging }) => {
      dev.azure.storageAccountName = "rtlsharedlake";
      staging.azure.storageAccountName = "rtlsharedlake";
    });
    const staging = exampleInput().environments.findIndex((e) => e.cloud === "azure" && e.name === "staging");
    expect(at(problems, `environments[${staging}].azure.storageAccountName`)).toStrictEqual([
      {
        path: `environments[${staging}].azure.storageAccountName`,
        value: "rtlsharedlake",
        message: `storage account names are global: environments[${dev}].azure.storageAccountName already uses "rtlsharedlake"; choose another`,
      },
    ]);
  });

  it("fails if the location is not an Azure region, suggesting the spelling when only case or spaces are off", () => {
    const unknown = problemsAfter(({ dev }) => (dev.azure.location = "europe-west1"));
    expect(at(unknown, `environments[${dev}].azure.location`)).toStrictEqual([
      {
        path: `environments[${dev}].azure.location`,
        value: "europe-west1",
        message: "expected an Azure region name as Resource Manager spells it (lower-case, no spaces), e.g. westeurope, northeurope, eastus2",
      },
    ]);
    const spaced = problemsAfter(({ dev }) => (dev.azure.location = "West Europe"));
    expect(at(spaced, `environments[${dev}].azure.location`)[0].message).toMatch(/write it as "westeurope"$/);
  });

  it("fails if the VNet CIDR is not a valid CIDR block", () => {
    const problems = problemsAfter(({ dev }) => (dev.azure.network.vnetCidr = "10.110.0.1/16"));
    expect(at(problems, `environments[${dev}].azure.network.vnetCidr`)).toStrictEqual([
      { path: `environments[${dev}].azure.network.vnetCidr`, value: "10.110.0.1/16", message: 'expected an IPv4 CIDR block with no host bits set, e.g. "10.20.0.0/16"' },
    ]);
  });

  it("fails if the VNet is smaller than Databricks accepts", () => {
    const problems = problemsAfter(({ dev }) => {
      dev.azure.network = { vnetCidr: "10.110.0.0/25", hostSubnetCidr: "10.110.0.0/26", containerSubnetCidr: "10.110.0.64/26" };
    });
    expect(at(problems, `environments[${dev}].azure.network.vnetCidr`)).toStrictEqual([
      { path: `environments[${dev}].azure.network.vnetCidr`, value: "10.110.0.0/25", message: "Databricks needs a VNet between /16 and /24" },
    ]);
  });

  it("fails if a subnet is not a valid CIDR block", () => {
    const problems = problemsAfter(({ dev }) => (dev.azure.network.hostSubnetCidr = "10.110.0.0"));
    expect(at(problems, `environments[${dev}].azure.network.hostSubnetCidr`).map((p) => [p.value, p.message])).toStrictEqual([
      ["10.110.0.0", 'expected an IPv4 CIDR block with no host bits set, e.g. "10.20.0.0/16"'],
    ]);
  });

  it("fails if a subnet lies outside the VNet", () => {
    const problems = problemsAfter(({ dev }) => (dev.azure.network.containerSubnetCidr = "10.99.4.0/22"));
    expect(at(problems, `environments[${dev}].azure.network.containerSubnetCidr`)).toStrictEqual([
      { path: `environments[${dev}].azure.network.containerSubnetCidr`, value: "10.99.4.0/22", message: "must lie inside vnetCidr 10.110.0.0/16" },
    ]);
  });

  it("fails if a subnet is smaller than /26", () => {
    const problems = problemsAfter(({ dev }) => (dev.azure.network.hostSubnetCidr = "10.110.0.0/27"));
    expect(at(problems, `environments[${dev}].azure.network.hostSubnetCidr`)).toStrictEqual([
      { path: `environments[${dev}].azure.network.hostSubnetCidr`, value: "10.110.0.0/27", message: "Databricks needs subnets between /16 and /26" },
    ]);
  });

  it("fails if the host and container subnets overlap", () => {
    const problems = problemsAfter(({ dev }) => (dev.azure.network.containerSubnetCidr = "10.110.2.0/23"));
    expect(at(problems, `environments[${dev}].azure.network.containerSubnetCidr`)).toStrictEqual([
      {
        path: `environments[${dev}].azure.network.containerSubnetCidr`,
        value: "10.110.2.0/23",
        message: "overlaps hostSubnetCidr 10.110.0.0/22; the subnets must be disjoint",
      },
    ]);
  });

  it("fails if the private endpoint subnet overlaps a Databricks subnet", () => {
    const problems = problemsAfter(({ dev }) => (dev.azure.network.privateEndpointSubnetCidr = "10.110.4.0/24"));
    expect(at(problems, `environments[${dev}].azure.network.privateEndpointSubnetCidr`)).toStrictEqual([
      {
        path: `environments[${dev}].azure.network.privateEndpointSubnetCidr`,
        value: "10.110.4.0/24",
        message: "overlaps containerSubnetCidr 10.110.4.0/22; the subnets must be disjoint",
      },
    ]);
  });

  it("fails if public network access is off and no private endpoint subnet is given", () => {
    const problems = problemsAfter(({ dev }) => (dev.azure.publicNetworkAccess = false));
    expect(at(problems, `environments[${dev}].azure.network.privateEndpointSubnetCidr`)).toStrictEqual([
      {
        path: `environments[${dev}].azure.network.privateEndpointSubnetCidr`,
        value: undefined,
        message: "a workspace without public network access is reachable only through Private Link: give a subnet for its private endpoints",
      },
    ]);
  });

  it("reports every Azure problem at once, with the path, the value and what is accepted in the error text", () => {
    const input = exampleInput();
    const env = input.environments[dev] as AzureInput;
    env.azure.location = "mars";
    env.azure.storageAccountName = "x";
    expect(() => validatePlatform(input)).toThrow(/environments\[\d+\]\.azure\.location: expected an Azure region.*\(got "mars"\)/);
    expect(() => validatePlatform(input)).toThrow(/environments\[\d+\]\.azure\.storageAccountName: a storage account name is 3-24.*\(got "x"\)/);
  });
});
