import type { PlatformInput } from "../../platform";
import { type Input, synthBroken } from "./synth-broken";

const aws = (p: Input, i = 0) => p.environments[i] as Extract<PlatformInput["environments"][number], { cloud: "aws" }>;
const dataset = (p: Input, name: string) => p.datasets.find((d) => d.name === name)!;

// [test name, how the spec is broken, the path the message must name, the value it must show]
const cases: Array<[string, (p: Input) => void, string, string]> = [
  ["the prefix has upper-case letters", (p) => (p.prefix = "Retail"), "prefix", '"Retail"'],
  ["a tag required for cost reporting is missing", (p) => delete (p.tags as Record<string, string>).costCenter, "tags.costCenter", "nothing"],
  ["an environment names an unknown cloud", (p) => ((p.environments[0] as { cloud: string }).cloud = "gcp"), "environments[0].cloud", '"gcp"'],
  ["two environments share cloud and name", (p) => (p.environments[1].name = "dev"), "environments[1].name", '"aws-dev"'],
  ["minWorkers exceeds maxWorkers", (p) => (p.environments[0].compute.minWorkers = 9), "environments[0].compute.minWorkers", "9"],
  ["the cron has five fields", (p) => (p.environments[2].schedule.quartzCron = "0 2 * * *"), "environments[2].schedule.quartzCron", '"0 2 * * *"'],
  ["the cron sets both day fields", (p) => (p.environments[2].schedule.quartzCron = "0 0 2 * * MON"), "environments[2].schedule.quartzCron", '"0 0 2 * * MON"'],
  ["the time zone is unknown", (p) => (p.environments[0].schedule.timezone = "Europe/Atlantis"), "environments[0].schedule.timezone", '"Europe/Atlantis"'],
  ["the runtime is not pinned", (p) => (p.environments[0].compute.sparkVersion = "latest"), "environments[0].compute.sparkVersion", '"latest"'],
  ["the AWS account id is not 12 digits", (p) => (aws(p).aws.accountId = "1234"), "environments[0].aws.accountId", '"1234"'],
  ["a private subnet lies outside the VPC", (p) => (aws(p).aws.network!.privateSubnetCidrs[1] = "192.168.0.0/19"), "environments[0].aws.network.privateSubnetCidrs[1]", '"192.168.0.0/19"'],
  ["a private subnet takes the NAT subnet's range", (p) => (aws(p).aws.network!.privateSubnetCidrs[1] = "10.10.224.0/19"), "environments[0].aws.network.privateSubnetCidrs[1]", '"10.10.224.0/19"'],
  ["a primary key column does not exist", (p) => (dataset(p, "orders").primaryKey = ["order_no"]), "datasets[2].primaryKey[0]", '"order_no"'],
  ["the ordering column does not exist", (p) => (dataset(p, "customers").orderingColumn = "changed"), "datasets[0].orderingColumn", '"changed"'],
  ["a dataset name is not a Unity Catalog identifier", (p) => (dataset(p, "payments").name = "Payments-2024"), "datasets[3].name", '"Payments-2024"'],
  ["a column has an unknown type", (p) => (dataset(p, "products").columns[3].type = "money"), "datasets[1].columns[3].type", '"money"'],
  ["a quality rule names an unknown expectation", (p) => ((dataset(p, "orders").quality!.rules![0] as { expect: string }).expect = "expect_magic"), "datasets[2].quality.rules[0].expect", '"expect_magic"'],
  ["a quality rule checks a missing column", (p) => ((dataset(p, "orders").quality!.rules![1] as { column: string }).column = "qty"), "datasets[2].quality.rules[1].column", '"qty"'],
  ["a range rule has min above max", (p) => Object.assign(dataset(p, "orders").quality!.rules![1], { min: 10, max: 1 }), "datasets[2].quality.rules[1].min", "10"],
  ["the quality gate counts no failed rows", (p) => (dataset(p, "orders").quality!.minFailedRows = 0), "datasets[2].quality.minFailedRows", "0"],
  ["the quality gate counts a fraction of a row", (p) => (dataset(p, "orders").quality!.minFailedRows = 2.5), "datasets[2].quality.minFailedRows", "2.5"],
  ["trim is applied to a number column", (p) => (dataset(p, "orders").transformations = [{ kind: "trim", columns: ["quantity"] }]), "datasets[2].transformations[0].columns[0]", '"quantity"'],
  ["a gold aggregate reads an unknown dataset", (p) => (p.gold![2].from = "refunds"), "gold[2].from", '"refunds"'],
  ["a gold column is ambiguous between joined datasets", (p) => (p.gold![1].groupBy = ["customer_id"]), "gold[1].groupBy[0]", '"customer_id"'],
  ["a gold measure other than count has no column", (p) => delete p.gold![2].measures[0].column, "gold[2].measures[0].column", "nothing"],
  ["the Great Expectations switch is not a boolean", (p) => ((p.environments[1] as { greatExpectations: unknown }).greatExpectations = { validate: "yes" }), "environments[1].greatExpectations.validate", '"yes"'],
  ["the job runs as a group", (p) => (p.access.jobRunAs = "analysts"), "access.jobRunAs", '"analysts"'],
  ["an unknown field is set", (p) => ((p as Record<string, unknown>).enviroments = []), "(spec)", '["enviroments"]'],
  ["two environments create a metastore in one region", (p) => {
    p.environments[0].metastore = { create: {} };
    p.environments[1].metastore = { create: {} };
  }, "environments[1].metastore", '{"create":{}}'],
];

describe("spec validation", () => {
  it.each(cases)("fails if %s, naming the field and the value, writing nothing", (_name, mutate, field, value) => {
    const { error, wrote } = synthBroken(mutate);
    const line = error.message.split("\n").find((l) => l.startsWith(`  - ${field}: `));
    expect(line).toBeDefined();
    expect(line).toContain(`(got ${value})`);
    expect(wrote).toBe(false);
  });

  it("reports every problem at once", () => {
    const { error } = synthBroken((p) => {
      p.prefix = "X";
      p.environments[0].compute.minWorkers = 9;
      dataset(p, "orders").primaryKey = ["nope"];
      p.access.jobRunAs = "nobody";
    });
    expect(error.problems.map((x) => x.path)).toStrictEqual([
      "prefix",
      "environments[0].compute.minWorkers",
      "datasets[2].primaryKey[0]",
      "access.jobRunAs",
    ]);
  });

  it("says what would be accepted", () => {
    const { error } = synthBroken((p) => (p.environments[0].compute.minWorkers = 9));
    expect(error.problems).toStrictEqual([{ path: "environments[0].compute.minWorkers", value: 9, message: "must be <= maxWorkers (2)" }]);
  });
});
