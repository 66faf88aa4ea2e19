import { diffLines, diffPlatforms, renderDiff } from "../../diff";
import { type PlatformInput, validatePlatform } from "../../platform";
import { exampleInput, platform } from "../fixtures/platform";

type Spec = PlatformInput;
const dataset = (s: Spec, name: string) => s.datasets.find((d) => d.name === name) as Spec["datasets"][number];
const column = (s: Spec, d: string, name: string) => dataset(s, d).columns.find((c) => c.name === name) as Spec["datasets"][number]["columns"][number];
const principal = (s: Spec, name: string) => s.access.principals.find((p) => p.name === name) as Spec["access"]["principals"][number];
const env = (s: Spec, cloud: string, name: string) => s.environments.find((e) => e.cloud === cloud && e.name === name) as Spec["environments"][number];
/** The example with one change, validated like any spec. */
const changedExample = (change: (s: Spec) => void) => {
  const spec = exampleInput();
  change(spec);
  return validatePlatform(spec);
};

describe("platform diff: a spec change -> the exact lines", () => {
  const table: [string, (s: Spec) => void, string[]][] = [
    ["nothing", () => undefined, []],
    [
      "a column's PII flag removed",
      (s) => Object.assign(column(s, "customers", "email"), { pii: false, mask: undefined, piiClass: undefined }),
      ["⚠️ every environment: customers.email is no longer masked for data-engineers (PII flag removed)"],
    ],
    ["a mask that reveals more", (s) => (column(s, "customers", "full_name").mask = "last4"), ["⚠️ every environment: customers.full_name mask: redact -> last4 (reveals more)"]],
    ["a mask that reveals less", (s) => (column(s, "customers", "email").mask = "hash"), ["every environment: customers.email mask: email_domain -> hash"]],
    ["a new PII column", (s) => (column(s, "customers", "segment").pii = true), ["every environment: customers.segment is now PII, masked with redact"]],
    ["a row filter removed", (s) => (dataset(s, "customers").rowFilter = undefined), ["⚠️ every environment: customers row filter on country removed: every reader sees every row"]],
    [
      "a row filter grant widened",
      (s) => (dataset(s, "customers").rowFilter?.grants[0].values.push("de")),
      ["⚠️ every environment: customers row filter: sales-benelux now also sees de"],
    ],
    [
      "a principal moved to all rows, another narrowed",
      (s) => {
        const filter = dataset(s, "customers").rowFilter;
        if (!filter) throw new Error("the example filters customers");
        filter.allRows = ["platform-admins", "data-engineers", "customer-care", "sales-benelux"];
        filter.grants = [{ principals: ["analysts"], values: ["nl"] }];
      },
      [
        "⚠️ every environment: customers row filter: sales-benelux now sees every row",
        "every environment: customers row filter: analysts no longer sees every row (only nl)",
      ],
    ],
    ["a grant widened", (s) => (principal(s, "analysts").layers = { silver: "read", gold: "read" }), ["⚠️ every environment: analysts on silver: none -> read (widened)"]],
    ["a grant narrowed", (s) => (principal(s, "data-engineers").layers = { silver: "read", gold: "read" }), ["every environment: data-engineers on silver: write -> read (narrowed)"]],
    ["PII in clear for a principal", (s) => (principal(s, "analysts").pii = true), ["⚠️ every environment: analysts now reads PII in clear"]],
    [
      "a new principal reading PII in clear",
      (s) => s.access.principals.push({ name: "auditors", type: "group", layers: { gold: "read" }, pii: true }),
      ["⚠️ every environment: principal auditors added: gold read", "⚠️ every environment: auditors reads PII in clear (new principal)"],
    ],
    [
      "a principal removed",
      (s) => {
        s.access.principals = s.access.principals.filter((p) => p.name !== "analysts");
        const filter = dataset(s, "customers").rowFilter;
        if (filter) filter.allRows = filter.allRows?.filter((p) => p !== "analysts");
      },
      ["every environment: customers row filter: analysts no longer sees every row", "every environment: principal analysts removed (had gold read)"],
    ],
    [
      "retention shortened in prod",
      (s) => {
        for (const cloud of ["aws", "azure"]) env(s, cloud, "prod").retentionDays!.silver = 365;
      },
      ["⚠️ aws-prod: silver retention: 730 -> 365 days (shortened)", "⚠️ azure-prod: silver retention: 730 -> 365 days (shortened)"],
    ],
    ["retention lengthened", (s) => (env(s, "aws", "dev").retentionDays!.gold = 90), ["aws-dev: gold retention: 60 -> 90 days"]],
    [
      "columns added and retyped",
      (s) => {
        dataset(s, "orders").columns.push({ name: "discount", type: "decimal(12,2)" });
        column(s, "orders", "quantity").type = "bigint";
      },
      ["every environment: orders.discount added (decimal(12,2))", "every environment: orders.quantity type: int -> bigint"],
    ],
    [
      "a quality rule removed and the threshold raised",
      (s) => {
        const quality = dataset(s, "orders").quality;
        if (!quality?.rules) throw new Error("the example has rules on orders");
        quality.rules = quality.rules.filter((r) => r.name !== "price_not_negative");
        quality.maxFailedFraction = 0.3;
      },
      ["every environment: orders quality rule price_not_negative removed", "every environment: orders maxFailedFraction: 0.2 -> 0.3"],
    ],
    [
      "a rule relaxed to warn and the batch volume widened",
      (s) => {
        const orders = dataset(s, "orders");
        const rule = orders.quality?.rules?.find((r) => r.expect === "expect_column_values_to_be_between");
        if (!rule || !orders.quality) throw new Error("the example bounds orders.quantity");
        rule.severity = "warn";
        orders.quality.volume = { minRows: 1, maxRows: 2_000_000 };
      },
      [
        "⚠️ every environment: orders quality rule expect_column_values_to_be_between(quantity) severity: fail -> warn",
        'every environment: orders quality volume: {"minRows":1,"maxRows":1000000,"severity":"fail"} -> {"minRows":1,"maxRows":2000000,"severity":"fail"}',
      ],
    ],
    [
      "a rule's bounds changed",
      (s) => {
        const rule = dataset(s, "orders").quality?.rules?.find((r) => r.expect === "expect_column_values_to_be_between");
        if (rule?.expect !== "expect_column_values_to_be_between") throw new Error("the example bounds orders.quantity");
        rule.max = 500;
      },
      ["every environment: orders quality rule expect_column_values_to_be_between(quantity): min 1, max 1000 -> min 1, max 500"],
    ],
    [
      "a set rule's values changed",
      (s) => {
        const rule = dataset(s, "payments").quality?.rules?.find((r) => r.expect === "expect_column_values_to_be_in_set");
        if (rule?.expect !== "expect_column_values_to_be_in_set") throw new Error("the example sets payments.method");
        rule.valueSet = ["card", "ideal"];
      },
      ["every environment: payments quality rule expect_column_values_to_be_in_set(method): valueSet [card, ideal, paypal, giftcard] -> valueSet [card, ideal]"],
    ],
    [
      "a dataset added",
      (s) =>
        s.datasets.push({
          name: "returns",
          source: { format: "csv" },
          columns: [
            { name: "return_id", type: "string", nullable: false },
            { name: "email", type: "string", pii: true, mask: "hash" },
            { name: "updated_at", type: "timestamp", nullable: false },
          ],
          primaryKey: ["return_id"],
          orderingColumn: "updated_at",
        }),
      ["every environment: dataset returns added (3 columns, PII: email)"],
    ],
    [
      "a gold aggregate's measures changed",
      (s) => {
        const payments = s.gold?.find((g) => g.name === "payment_mix");
        payments?.measures.push({ name: "max_amount", fn: "max", column: "amount" });
      },
      ["every environment: gold payment_mix measures: total_amount=sum(amount), payment_count=count(*) -> total_amount=sum(amount), payment_count=count(*), max_amount=max(amount)"],
    ],
    [
      "schedule and compute bounds",
      (s) => {
        const dev = env(s, "aws", "dev");
        dev.schedule.quartzCron = "0 0 4 * * ?";
        dev.compute.maxWorkers = 3;
      },
      ["aws-dev: schedule: 0 30 3 * * ? Europe/Amsterdam -> 0 0 4 * * ? Europe/Amsterdam", "aws-dev: compute: 1-2 workers of m5d.xlarge -> 1-3 workers of m5d.xlarge"],
    ],
    [
      "a trigger changed",
      (s) => {
        const dev = env(s, "azure", "dev");
        dev.trigger = "schedule";
        delete dev.continuous;
      },
      ["azure-dev: trigger: continuous -> schedule"],
    ],
    ["destroy protection off in dev", (s) => (env(s, "azure", "dev").deploy = { destroyProtection: false }), ["⚠️ azure-dev: destroy protection: on -> off"]],
    ["disaster recovery removed from prod", (s) => delete env(s, "aws", "prod").dr, ["⚠️ aws-prod: disaster recovery removed: the secondary aws-proddr would be destroyed"]],
    [
      "a longer RPO",
      (s) => {
        const dr = env(s, "azure", "prod").dr;
        if (dr) dr.rpoMinutes = 240;
      },
      ["⚠️ azure-prod: disaster recovery: northeurope, RPO 120 min, RTO 60 min -> northeurope, RPO 240 min, RTO 60 min"],
    ],
    [
      "an environment removed",
      (s) => (s.environments = s.environments.filter((e) => !(e.cloud === "azure" && e.name === "staging"))),
      ["⚠️ azure-staging: environment removed: its stack would be destroyed"],
    ],
  ];

  it.each(table)("%s", (_name, change, expected) => {
    expect(diffLines(diffPlatforms(platform, changedExample(change)))).toStrictEqual(expected);
  });

  it("lists weakening changes first, whatever their scope", () => {
    const head = changedExample((s) => {
      env(s, "aws", "dev").compute.maxWorkers = 3;
      principal(s, "analysts").pii = true;
    });
    expect(diffLines(diffPlatforms(platform, head))).toStrictEqual([
      "⚠️ every environment: analysts now reads PII in clear",
      "aws-dev: compute: 1-2 workers of m5d.xlarge -> 1-3 workers of m5d.xlarge",
    ]);
  });
});

describe("platform diff: stateful resources destroyed (from the synthesized stacks)", () => {
  const base = { "aws-prod": { resource: { aws_s3_bucket: { lake_gold: {}, lake_silver: {} }, aws_s3_bucket_policy: { lake_gold: {} } } }, "aws-dev": { resource: { aws_kms_key: { lake: {} } } } };

  it("names a stateful resource whose address is gone, not a stateless one, nor one a moved block takes", () => {
    const head = { "aws-prod": { resource: { aws_s3_bucket: { silver: {} } }, moved: [{ from: "aws_s3_bucket.lake_silver", to: "aws_s3_bucket.silver" }] }, "aws-dev": base["aws-dev"] };
    expect(diffLines(diffPlatforms(platform, platform, { base, head }))).toStrictEqual(["⚠️ aws-prod: destroys aws_s3_bucket.lake_gold (holds data or identity)"]);
  });

  it("names every stateful resource of a stack that is gone", () => {
    expect(diffLines(diffPlatforms(platform, platform, { base, head: { "aws-prod": base["aws-prod"] } }))).toStrictEqual(["⚠️ aws-dev: destroys aws_kms_key.lake (holds data or identity)"]);
  });
});

describe("platform diff: Markdown", () => {
  it("puts weakening changes under a warning heading, then the rest per environment", () => {
    const head = changedExample((s) => {
      dataset(s, "customers").rowFilter = undefined;
      env(s, "aws", "dev").compute.maxWorkers = 3;
      dataset(s, "orders").columns.push({ name: "discount", type: "decimal(12,2)" });
    });
    expect(renderDiff(diffPlatforms(platform, head), "origin/main (abc1234)", "def5678").split("\n")).toStrictEqual([
      "## Platform diff: `origin/main (abc1234)` -> `def5678`",
      "",
      "### ⚠️ Weakens governance or data safety",
      "",
      "- **every environment**: customers row filter on country removed: every reader sees every row",
      "",
      "### Every environment",
      "",
      "- orders.discount added (decimal(12,2))",
      "",
      "### aws-dev",
      "",
      "- compute: 1-2 workers of m5d.xlarge -> 1-3 workers of m5d.xlarge",
      "",
    ]);
  });

  it("says so when nothing changed", () => {
    expect(renderDiff([], "main", "HEAD")).toBe("## Platform diff: `main` -> `HEAD`\n\nNo change to the platform's datasets, access, gold, environments or stateful resources.\n");
  });
});
