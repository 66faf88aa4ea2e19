import { deployedEnvironments, guaranteedRpoMinutes, primaryOf, secondaryEnvironment, smallestRpoMinutes, syncIntervalMinutes, syncQuartzCron } from "../../platform/dr";
import { quartzCronError } from "../../platform/syntax/quartz";
import { awsEnv, azureEnv, platform, problemsAfter } from "../fixtures/platform";

type Input = Parameters<Parameters<typeof problemsAfter>[0]>[0];
type Env = Input["environments"][number];
/** The example's aws-prod (index 2) and azure-prod (index 5), with their dr block changed. */
const withDr = (index: 2 | 5, change: (dr: NonNullable<Env["dr"]>) => void) =>
  problemsAfter((p) => change(p.environments[index].dr as NonNullable<Env["dr"]>));
const paths = (problems: ReadonlyArray<{ path: string; value: unknown }>) => problems.map(({ path, value }) => ({ path, value }));

describe("the dr block", () => {
  it("gives prod a secondary on both clouds in the example", () => {
    expect(awsEnv("prod").dr).toStrictEqual({
      region: "eu-central-1",
      rpoMinutes: 120,
      rtoMinutes: 60,
      syncTimeoutMinutes: 30,
      metastoreId: "00000000-0000-0000-0000-0000000000d7",
      shareProviderName: "rtl-aws-primary",
      availabilityZones: ["eu-central-1a", "eu-central-1b"],
    });
    expect(azureEnv("prod").dr?.region).toBe("northeurope");
    expect(awsEnv("dev").dr).toBeUndefined();
  });

  it("syncs every hour for an RPO of two hours and a 30-minute run: one interval plus one run is 90 minutes", () => {
    expect(syncIntervalMinutes({ rpoMinutes: 120, syncTimeoutMinutes: 30 })).toBe(60);
    expect(guaranteedRpoMinutes(60, 30)).toBe(90);
    expect(syncQuartzCron(60)).toBe("0 0 0/1 * * ?");
  });

  it("never syncs more often than one run may take", () => {
    expect(syncIntervalMinutes({ rpoMinutes: 50, syncTimeoutMinutes: 20 })).toBe(30);
    expect(syncIntervalMinutes({ rpoMinutes: 10, syncTimeoutMinutes: 5 })).toBe(5);
    expect(smallestRpoMinutes(30)).toBe(60);
    expect(smallestRpoMinutes(45)).toBe(105);
  });

  it("writes every interval as valid Quartz", () => {
    const crons = [5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440].map(syncQuartzCron);
    expect(crons.map(quartzCronError)).toStrictEqual(crons.map(() => null));
    expect(crons.slice(0, 2)).toStrictEqual(["0 0/5 * * * ?", "0 0/10 * * * ?"]);
    expect(crons.slice(-2)).toStrictEqual(["0 0 0/12 * * ?", "0 0 0 * * ?"]);
  });

  it("fails if the secondary region is the primary's", () => {
    const problems = withDr(2, (dr) => {
      dr.region = "eu-west-1";
      dr.availabilityZones = ["eu-west-1a", "eu-west-1b"];
    });
    expect(paths(problems)).toStrictEqual([{ path: "environments[2].dr.region", value: "eu-west-1" }]);
    expect(problems[0].message).toContain("another region than the primary (eu-west-1)");
  });

  it("fails if the secondary region is not one of the cloud's, naming the closest", () => {
    const aws = withDr(2, (dr) => void (dr.region = "eu-centrl-1"));
    expect(paths(aws)).toStrictEqual([{ path: "environments[2].dr.region", value: "eu-centrl-1" }]);
    expect(aws[0].message).toContain('"eu-central-1"');
    // An Azure location is not an AWS region, and the other way round.
    expect(paths(withDr(5, (dr) => void (dr.region = "eu-central-1")))).toStrictEqual([{ path: "environments[5].dr.region", value: "eu-central-1" }]);
  });

  it("fails if no sync schedule meets the RPO, saying the smallest it could be", () => {
    const problems = withDr(2, (dr) => void (dr.rpoMinutes = 45));
    expect(paths(problems)).toStrictEqual([{ path: "environments[2].dr.rpoMinutes", value: 45 }]);
    expect(problems[0].message).toContain("at least 60 minutes, or a lower syncTimeoutMinutes");
  });

  it("fails if an AWS secondary with a VPC has no zones, or zones of another region", () => {
    expect(paths(withDr(2, (dr) => void delete dr.availabilityZones))).toStrictEqual([{ path: "environments[2].dr.availabilityZones", value: undefined }]);
    expect(paths(withDr(2, (dr) => void (dr.availabilityZones = ["eu-central-1a", "eu-west-1b"])))).toStrictEqual([
      { path: "environments[2].dr.availabilityZones[1]", value: "eu-west-1b" },
    ]);
    expect(paths(withDr(5, (dr) => void (dr.availabilityZones = ["a", "b"])))).toStrictEqual([{ path: "environments[5].dr.availabilityZones", value: ["a", "b"] }]);
  });

  it("fails if an Azure primary has a customer-managed key and its secondary none, or an AWS dr block names a vault key", () => {
    expect(paths(withDr(5, (dr) => void delete dr.customerManagedKey))).toStrictEqual([{ path: "environments[5].dr.customerManagedKey", value: undefined }]);
    const key = { keyVaultId: "/subscriptions/x/vaults/y", keyName: "k" };
    expect(paths(withDr(2, (dr) => void (dr.customerManagedKey = key)))).toStrictEqual([{ path: "environments[2].dr.customerManagedKey", value: key }]);
  });

  it("fails if the secondary's name would be too long or another environment's", () => {
    const long = problemsAfter((p) => {
      p.environments[2].name = "production01";
    });
    expect(paths(long).filter((q) => q.path === "environments[2].name")).toStrictEqual([{ path: "environments[2].name", value: "production01" }]);
    const clash = problemsAfter((p) => {
      p.environments[0].name = "proddr";
    });
    expect(paths(clash).filter((q) => q.path === "environments[2].name")).toStrictEqual([{ path: "environments[2].name", value: "prod" }]);
  });

  it("reports every problem of a dr block at once", () => {
    const problems = withDr(2, (dr) => {
      dr.region = "eu-west-1";
      dr.rpoMinutes = 10;
      dr.availabilityZones = ["eu-west-1a", "eu-west-1b"];
    });
    expect(paths(problems)).toStrictEqual([
      { path: "environments[2].dr.region", value: "eu-west-1" },
      { path: "environments[2].dr.rpoMinutes", value: 10 },
    ]);
  });

  it("derives the AWS secondary: the primary in the dr region, on its metastore, paused, without the primary's PrivateLink services", () => {
    const primary = awsEnv("prod");
    const secondary = secondaryEnvironment(primary);
    expect(secondary === undefined ? undefined : [secondary.name, secondary.cloud, secondary.metastore, secondary.schedule, secondary.dr]).toStrictEqual([
      "proddr", "aws", { existingId: "00000000-0000-0000-0000-0000000000d7" }, { ...primary.schedule, paused: true }, undefined,
    ]);
    expect(secondary?.cloud === "aws" && [secondary.aws.region, secondary.aws.network?.availabilityZones, secondary.aws.privateLink, secondary.aws.customerManagedKeys]).toStrictEqual([
      "eu-central-1", ["eu-central-1a", "eu-central-1b"], undefined, true,
    ]);
    expect(secondaryEnvironment(awsEnv("dev"))).toBeUndefined();
  });

  it("derives the Azure secondary with its own key and a derived lake account name", () => {
    const secondary = secondaryEnvironment(azureEnv("prod"));
    expect(secondary?.cloud === "azure" && [secondary.azure.location, secondary.azure.customerManagedKey?.keyName, secondary.azure.storageAccountName]).toStrictEqual([
      "northeurope", "rtl-proddr-lakehouse", undefined,
    ]);
  });

  it("deploys each secondary right after its primary, and knows its primary back", () => {
    const deployed = deployedEnvironments(platform.environments);
    expect(deployed.map((e) => `${e.cloud}-${e.name}`)).toStrictEqual(["aws-dev", "aws-staging", "aws-prod", "aws-proddr", "azure-dev", "azure-staging", "azure-prod", "azure-proddr"]);
    expect(deployed.map((e) => primaryOf(platform.environments, e)?.name ?? null)).toStrictEqual([null, null, null, "prod", null, null, null, "prod"]);
  });
});
