/**
 * Specs with several independent problems, through synthPlatform: every problem is reported, each
 * once at its own path, and nothing else (no follow-on errors of one root cause, no sibling's
 * cross-field problem hidden by a malformed item), and nothing is written.
 */
import { at, type Input, synthBroken } from "./synth-broken";

type Rules = Array<Record<string, unknown>>;
const rules = (p: Input, ds: number) => at(p, "datasets", ds, "quality", "rules") as unknown as Rules;

// Indices in the example: datasets customers 0, products 1, orders 2, payments 3; environments
// aws-dev 0, aws-staging 1, aws-prod 2, azure-dev 3, azure-staging 4, azure-prod 5; gold
// daily_sales 0, customer_value 1, payment_mix 2.
// [what is broken, the changes, every problem as [path, value]]
const cases: Array<[string, (p: Input) => void, Array<[string, unknown]>]> = [
  [
    "a dataset's shape, another dataset's rule column and an environment's region (its zones no follow-on)",
    (p) => {
      at(p, "datasets", 0, "columns", 3).type = "money";
      rules(p, 2)[1].column = "quantiy";
      at(p, "environments", 0, "aws").region = "eu-west-9";
    },
    [
      ["datasets[0].columns[3].type", "money"],
      ["datasets[2].quality.rules[1].column", "quantiy"],
      ["environments[0].aws.region", "eu-west-9"],
    ],
  ],
  [
    "an unknown dataset field, a string ordering column, an Azure location and a gold filter",
    (p) => {
      at(p, "datasets", 1).primaryKeys = ["product_id"];
      at(p, "datasets", 3).orderingColumn = "method";
      at(p, "environments", 4, "azure").location = "West Europe";
      at(p, "gold", 2).filter = "payments.method = 'card";
    },
    [
      ["datasets[1]", ["primaryKeys"]],
      ["datasets[3].orderingColumn", "method"],
      ["environments[4].azure.location", "West Europe"],
      ["gold[2].filter", "payments.method = 'card"],
    ],
  ],
  [
    "an unknown cloud, a misspelled compute field, a JavaScript-only regex and an unknown run-as principal",
    (p) => {
      at(p, "environments", 1).cloud = "gcp";
      at(p, "environments", 2, "compute").minWorker = 1;
      rules(p, 0)[1].regex = "^[^]+@x$";
      at(p, "access").jobRunAs = "rtl-pipline";
    },
    [
      ["access.jobRunAs", "rtl-pipline"],
      ["datasets[0].quality.rules[1].regex", "^[^]+@x$"],
      ["environments[1].cloud", "gcp"],
      ["environments[2].compute", ["minWorker"]],
    ],
  ],
  [
    "a malformed prefix (no follow-on in derived names), a decimal out of range and a sum of a string",
    (p) => {
      (p as Record<string, unknown>).prefix = "RTL_Too_Long";
      at(p, "datasets", 3, "columns", 1).type = "decimal(40,2)";
      at(p, "gold", 0, "measures", 0).column = "status";
    },
    [
      ["datasets[3].columns[1].type", "decimal(40,2)"],
      ["gold[0].measures[0].fn", "sum"],
      ["prefix", "RTL_Too_Long"],
    ],
  ],
  [
    "a malformed gold aggregate beside another's type problem, a repeated key and an Azure state account",
    (p) => {
      at(p, "gold", 1).groupBy = 5;
      at(p, "gold", 2, "measures", 0).column = "method";
      at(p, "datasets", 2).primaryKey = ["order_id", "order_id"];
      at(p, "environments", 3, "azure", "state").storageAccountName = "rtl-state";
    },
    [
      ["datasets[2].primaryKey[1]", "order_id"],
      ["environments[3].azure.state.storageAccountName", "rtl-state"],
      ["gold[1].groupBy", 5],
      ["gold[2].measures[0].fn", "sum"],
    ],
  ],
  [
    "a malformed Azure environment beside an AWS state bucket, a range on a string, a broken derivation and an unknown gold column",
    (p) => {
      at(p, "environments", 3, "azure").publicNetworkAccess = "no";
      at(p, "environments", 0, "aws", "state").bucket = "RTL_State";
      rules(p, 1)[1].column = "name";
      at(p, "datasets", 2, "transformations", 1).expression = "to_date(order_ts";
      (at(p, "gold", 0).groupBy as unknown as string[])[1] = "products.categry";
    },
    [
      ["datasets[1].quality.rules[1].column", "name"],
      ["datasets[2].transformations[1].expression", "to_date(order_ts"],
      ["environments[0].aws.state.bucket", "RTL_State"],
      ["environments[3].azure.publicNetworkAccess", "no"],
      ["gold[0].groupBy[1]", "products.categry"],
    ],
  ],
  [
    "a malformed dataset that a gold aggregate reads, beside that aggregate's own problems and another's",
    (p) => {
      at(p, "datasets", 0).primaryKeys = ["customer_id"];
      at(p, "gold", 1, "measures", 0).column = "orders.status";
      at(p, "gold", 1).filter = "orders.status = 'completed";
      at(p, "gold", 2, "measures", 0).column = "method";
    },
    [
      ["datasets[0]", ["primaryKeys"]],
      ["gold[1].filter", "orders.status = 'completed"],
      ["gold[1].measures[0].fn", "sum"],
      ["gold[2].measures[0].fn", "sum"],
    ],
  ],
  [
    "a malformed dataset name that two aggregates read (no follow-on in them, but one's own filter), another aggregate's type problem and a region",
    (p) => {
      at(p, "datasets", 2).name = "Orders";
      at(p, "gold", 1).filter = "orders.status = 'completed";
      at(p, "gold", 2, "measures", 0).column = "method";
      at(p, "environments", 2, "aws").region = "eu-west-9";
    },
    [
      ["datasets[2].name", "Orders"],
      ["environments[2].aws.region", "eu-west-9"],
      ["gold[1].filter", "orders.status = 'completed"],
      ["gold[2].measures[0].fn", "sum"],
    ],
  ],
  [
    "a malformed column of a joined dataset, a malformed run-as principal (no follow-on in jobRunAs), a regex and an unknown joined dataset",
    (p) => {
      at(p, "datasets", 2, "columns", 3).name = "Quantity";
      at(p, "access", "principals", 5).type = "robot";
      rules(p, 0)[1].regex = "^(a@";
      at(p, "gold", 2).joins = [{ dataset: "product", on: [{ left: "payments.order_id", right: "order_id" }] }];
    },
    [
      ["access.principals[5].type", "robot"],
      ["datasets[0].quality.rules[1].regex", "^(a@"],
      ["datasets[2].columns[3].name", "Quantity"],
      ["gold[2].joins[0].dataset", "product"],
    ],
  ],
];

const byPath = (a: [string, unknown], b: [string, unknown]) => a[0].localeCompare(b[0]);

describe("specs with several independent problems through synthPlatform", () => {
  it("covers at least 5 specs", () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)("reports every problem and nothing else: %s", (_name, mutate, expected) => {
    const { error, wrote } = synthBroken(mutate);
    const reported = error.problems.map((p): [string, unknown] => [p.path, p.value]).sort(byPath);
    expect(reported).toStrictEqual([...expected].sort(byPath));
    expect(error.problems.every((p) => p.message.length > 0)).toBe(true);
    expect(wrote).toBe(false);
  });
});
