import { at, type Input, synthBroken } from "./synth-broken";

const rules = (p: Input, ds: number) => at(p, "datasets", ds, "quality", "rules") as unknown as Array<Record<string, unknown>>;
const ds = (p: Input, i: number) => at(p, "datasets", i);
const env = (p: Input, i: number) => at(p, "environments", i);
const gold = (p: Input, i: number) => at(p, "gold", i);
const payments = (p: Input) => structuredClone(p.datasets[3]);

// Indices in the example: datasets customers 0, products 1, orders 2, payments 3; environments
// aws-dev 0, aws-staging 1, aws-prod 2, azure-dev 3, azure-staging 4, azure-prod 5; gold
// daily_sales 0, customer_value 1, payment_mix 2.
// [what is broken, the change, the path named, the value shown (as the Problem holds it), part of what is accepted]
const cases: Array<[string, (p: Input) => void, string, unknown, string]> = [
  // SQL fragments, parsed with the Spark grammar in their position
  ["a rule expression ends early", (p) => (rules(p, 2)[3].expression = "unit_price >="), "datasets[2].quality.rules[3].expression", "unit_price >=", "column 14: the fragment ends early; expected a Spark SQL boolean expression"],
  ["a rule expression carries another clause", (p) => (rules(p, 2)[3].expression = "unit_price >= 0 GROUP BY status"), "datasets[2].quality.rules[3].expression", "unit_price >= 0 GROUP BY status", "column 17: 'GROUP' cannot continue a boolean expression"],
  ["a rule expression uses ===", (p) => (rules(p, 2)[3].expression = "unit_price === 0"), "datasets[2].quality.rules[3].expression", "unit_price === 0", "column 14: '=' is not valid at this position"],
  ["a derived expression misses a parenthesis", (p) => (at(p, "datasets", 2, "transformations", 1).expression = "to_date(order_ts"), "datasets[2].transformations[1].expression", "to_date(order_ts", "expected a Spark SQL expression"],
  ["a derived expression is two expressions", (p) => (at(p, "datasets", 2, "transformations", 2).expression = "quantity unit_price"), "datasets[2].transformations[2].expression", "quantity unit_price", "'unit_price' cannot continue an expression"],
  ["a gold filter leaves a string open", (p) => (gold(p, 1).filter = "orders.status = 'completed"), "gold[1].filter", "orders.status = 'completed", "Spark SQL syntax error at column 17"],
  ["a gold filter breaks out of its parentheses", (p) => (gold(p, 0).filter = "orders.status <> 'x') OR (1 = 1"), "gold[0].filter", "orders.status <> 'x') OR (1 = 1", "column 21: ')' is not valid at this position"],
  ["a multi-line gold filter ends early", (p) => (gold(p, 0).filter = "orders.status <> 'cancelled'\nAND orders.quantity >"), "gold[0].filter", "orders.status <> 'cancelled'\nAND orders.quantity >", "line 2, column 22"],
  // Regexes in Java's dialect
  ["a regex uses [^]", (p) => (rules(p, 0)[1].regex = "^[^]+@x$"), "datasets[0].quality.rules[1].regex", "^[^]+@x$", "write [\\s\\S]"],
  ["a regex has a lone {", (p) => (rules(p, 0)[1].regex = "^a{@"), "datasets[0].quality.rules[1].regex", "^a{@", "Illegal repetition"],
  ["a regex group name has an underscore", (p) => (rules(p, 0)[1].regex = "^(?<local_part>[^@]+)@"), "datasets[0].quality.rules[1].regex", "^(?<local_part>[^@]+)@", "Java group names are an ASCII letter then letters and digits"],
  ["a regex uses \\v", (p) => (rules(p, 0)[1].regex = "^[^\\v@]+@"), "datasets[0].quality.rules[1].regex", "^[^\\v@]+@", "write \\x0B"],
  ["a regex class holds &&", (p) => (rules(p, 0)[1].regex = "^[a-z&&[^q]]+@"), "datasets[0].quality.rules[1].regex", "^[a-z&&[^q]]+@", "may form Java's && intersection"],
  ["a regex does not parse at all", (p) => (rules(p, 0)[1].regex = "^(a@"), "datasets[0].quality.rules[1].regex", "^(a@", "Unterminated group"],
  // Types meet roles
  ["the ordering column is a string", (p) => (ds(p, 0).orderingColumn = "email"), "datasets[0].orderingColumn", "email", "needs a date, timestamp or numeric column"],
  ["the ordering column is nullable", (p) => ((at(p, "datasets", 3, "columns", 5) as Record<string, unknown>).nullable = true), "datasets[3].columns[5].nullable", true, "set nullable: false"],
  ["a sum reads a string column", (p) => (at(p, "gold", 2, "measures", 0).column = "method"), "gold[2].measures[0].fn", "sum", "needs a numeric column; method is string"],
  ["an avg reads a timestamp", (p) => Object.assign(at(p, "gold", 1, "measures", 2), { fn: "avg" }), "gold[1].measures[2].fn", "avg", "needs a numeric column; order_ts is timestamp"],
  ["join keys have incomparable types", (p) => (at(p, "gold", 0, "joins", 0).on = [{ left: "orders.quantity", right: "product_id" }]), "gold[0].joins[0].on[0]", { left: "orders.quantity", right: "product_id" }, "comparable types: orders.quantity is int, product_id is string"],
  ["a range rule checks a string column", (p) => (rules(p, 2)[1].column = "status"), "datasets[2].quality.rules[1].column", "status", "range bounds apply to numeric columns"],
  ["an in-set rule on a string column holds a number", (p) => (rules(p, 0)[2].valueSet = ["nl", 31]), "datasets[0].quality.rules[2].valueSet[1]", 31, "its set holds strings"],
  ["an in-set rule on an int column holds a string", (p) => rules(p, 2).push({ expect: "expect_column_values_to_be_in_set", column: "quantity", valueSet: [1, "2"] }), "datasets[2].quality.rules[4].valueSet[1]", "2", "its set holds integers"],
  ["an in-set rule on a date column holds a non-date", (p) => rules(p, 0).push({ expect: "expect_column_values_to_be_in_set", column: "signup_date", valueSet: ["31/01/2024"] }), "datasets[0].quality.rules[3].valueSet[0]", "31/01/2024", 'ISO dates ("2024-01-31")'],
  ["a regex rule checks a date column", (p) => (rules(p, 0)[1].column = "signup_date"), "datasets[0].quality.rules[1].column", "signup_date", "a regex applies to string columns"],
  // A dataset read twice in one aggregate
  ["a gold aggregate joins its from dataset to itself", (p) => (at(p, "gold", 0, "joins", 0).dataset = "orders"), "gold[0].joins[0].dataset", "orders", 'a dataset joined to itself is not supported'],
  ["a gold aggregate joins one dataset twice", (p) => (at(p, "gold", 1).joins as unknown[]).push({ dataset: "customers", on: [{ left: "orders.customer_id", right: "customer_id" }] }), "gold[1].joins[1].dataset", "customers", '"customers" is already in this query (orders, customers)'],
  // Derived names unique
  ["a dataset takes the shared quality results table's name", (p) => (ds(p, 3).name = "quality_results"), "datasets[3].name", "quality_results", "is also the shared quality results table"],
  ["a dataset takes another's quarantine table name", (p) => p.datasets.push({ ...payments(p), name: "orders_quarantine" }), "datasets[4].name", "orders_quarantine", 'is also the quarantine table of dataset "orders"'],
  ["the Azure state account is a derived lake account", (p) => (at(p, "environments", 3, "azure", "state").storageAccountName = "rtldevlake"), "environments[3].azure.state.storageAccountName", "rtldevlake", "must not share its name with lake storage"],
  ["the AWS state bucket is a derived lake bucket", (p) => (at(p, "environments", 0, "aws", "state").bucket = "rtl-dev-bronze-111111111111"), "environments[0].aws.state.bucket", "rtl-dev-bronze-111111111111", "must not share its name with lake storage: environments[0] (its bronze bucket)"],
  ["a given lake account is another environment's derived one", (p) => (at(p, "environments", 4, "azure").storageAccountName = "rtldevlake"), "environments[4].azure.storageAccountName", "rtldevlake", "storage account names are global: environments[3].name already uses"],
  // Key lists without repeats
  ["a primary key repeats a column", (p) => (ds(p, 2).primaryKey = ["order_id", "order_id"]), "datasets[2].primaryKey[1]", "order_id", "primary key columns must be unique"],
  ["clusterBy repeats a column", (p) => (gold(p, 0).clusterBy = ["order_date", "order_date"]), "gold[0].clusterBy[1]", "order_date", "clustering columns must be unique"],
  ["groupBy repeats a column", (p) => (gold(p, 2).groupBy = ["method", "method"]), "gold[2].groupBy[1]", "method", "group-by columns must be unique"],
  // Closed value sets
  ["the AWS region does not exist", (p) => (at(p, "environments", 0, "aws").region = "eu-west-9"), "environments[0].aws.region", "eu-west-9", "expected an AWS region"],
  ["the AWS region is misspelled", (p) => (at(p, "environments", 0, "aws").region = "eu-wset-1"), "environments[0].aws.region", "eu-wset-1", 'did you mean "eu-west-1"?'],
  ["a zone lies in another region", (p) => ((at(p, "environments", 0, "aws", "network").availabilityZones as string[])[0] = "us-east-1a"), "environments[0].aws.network.availabilityZones[0]", "us-east-1a", "expected a zone of eu-west-1"],
  ["the state bucket has upper case", (p) => (at(p, "environments", 0, "aws", "state").bucket = "RTL_State"), "environments[0].aws.state.bucket", "RTL_State", "lower-case letters, digits, dots and hyphens"],
  ["the state bucket looks like an IP address", (p) => (at(p, "environments", 0, "aws", "state").bucket = "192.168.10.1"), "environments[0].aws.state.bucket", "192.168.10.1", "must not look like an IP address"],
  ["the state bucket has two dots in a row", (p) => (at(p, "environments", 0, "aws", "state").bucket = "rtl..state"), "environments[0].aws.state.bucket", "rtl..state", "no two adjacent dots"],
  ["the lock table has a character DynamoDB refuses", (p) => (at(p, "environments", 0, "aws", "state").dynamodbTable = "locks!"), "environments[0].aws.state.dynamodbTable", "locks!", "a DynamoDB table name is 3-255 characters"],
  ["the state region does not exist", (p) => (at(p, "environments", 0, "aws", "state").region = "eu-north-9"), "environments[0].aws.state.region", "eu-north-9", "expected an AWS region"],
  ["the metastore id is not a UUID", (p) => (env(p, 0).metastore = { existingId: "metastore-1" }), "environments[0].metastore.existingId", "metastore-1", "expected a UUID"],
  ["the Databricks account id is not a UUID", (p) => (env(p, 0).databricksAccountId = "acct-1"), "environments[0].databricksAccountId", "acct-1", "expected a UUID"],
  ["a notification destination id is not a UUID", (p) => (at(p, "environments", 2, "notifications").webhookDestinationIds = ["oncall-webhook"]), "environments[2].notifications.webhookDestinationIds[0]", "oncall-webhook", "expected a UUID"],
  ["the state container has upper case", (p) => (at(p, "environments", 3, "azure", "state").containerName = "TF_State"), "environments[3].azure.state.containerName", "TF_State", "a container name is 3-63 lower-case letters"],
  ["the state storage account has hyphens", (p) => (at(p, "environments", 3, "azure", "state").storageAccountName = "rtl-state"), "environments[3].azure.state.storageAccountName", "rtl-state", "3-24 lower-case letters and digits"],
  ["the state resource group ends in a dot", (p) => (at(p, "environments", 3, "azure", "state").resourceGroupName = "rtl-tfstate."), "environments[3].azure.state.resourceGroupName", "rtl-tfstate.", "not ending in a dot"],
  ["the Azure location is spelled as in the portal", (p) => (at(p, "environments", 3, "azure").location = "West Europe"), "environments[3].azure.location", "West Europe", 'write it as "westeurope"'],
  // Messages that say what is accepted
  ["a dataset field is misspelled", (p) => (ds(p, 0).primaryKeys = ["customer_id"]), "datasets[0]", ["primaryKeys"], 'did you mean "primaryKeys" -> "primaryKey"?); accepted fields: name, description, source, columns, primaryKey, orderingColumn'],
  ["a compute field is misspelled", (p) => (at(p, "environments", 0, "compute").minWorker = 1), "environments[0].compute", ["minWorker"], '"minWorker" -> "minWorkers"'],
  ["the metastore takes neither shape", (p) => (env(p, 0).metastore = { existing: "x" }), "environments[0].metastore", { existing: "x" }, "matches none of the accepted shapes; expected { existingId } (existingId: expected a UUID"],
  ["a rule names a column that is not there", (p) => (rules(p, 2)[1].column = "quantiy"), "datasets[2].quality.rules[1].column", "quantiy", 'silver columns: order_id, customer_id, product_id, quantity, unit_price, status, order_ts, updated_at, order_date, line_total (did you mean "quantity"?)'],
  ["a gold group-by names a column the dataset lacks", (p) => ((gold(p, 0).groupBy as string[])[1] = "products.categry"), "gold[0].groupBy[1]", "products.categry", 'expected one of product_id, name, category, unit_price, active, updated_at (did you mean "category"?)'],
  ["a bare gold column is in no input", (p) => ((gold(p, 2).groupBy as string[])[0] = "metod"), "gold[2].groupBy[0]", "metod", 'expected one of payments.payment_id, payments.order_id, payments.method'],
  ["a join names an unknown dataset", (p) => (at(p, "gold", 0, "joins", 0).dataset = "product"), "gold[0].joins[0].dataset", "product", 'must name a dataset: customers, products, orders, payments (did you mean "products"?)'],
  ["the environment's cloud is unknown", (p) => (env(p, 1).cloud = "gcp"), "environments[1].cloud", "gcp", 'expected one of "aws", "azure"'],
  ["a column type is unknown", (p) => (at(p, "datasets", 1, "columns", 3).type = "money"), "datasets[1].columns[3].type", "money", "expected one of string, boolean, int, bigint, double, float, date, timestamp, decimal(p,s)"],
  ["a decimal precision is out of range", (p) => (at(p, "datasets", 1, "columns", 3).type = "decimal(40,2)"), "datasets[1].columns[3].type", "decimal(40,2)", "1 <= p <= 38"],
  ["a column name is repeated", (p) => (at(p, "datasets", 0, "columns", 2).name = "email"), "datasets[0].columns[2].name", "email", "column names must be unique"],
  ["upper-casing an int column", (p) => (ds(p, 2).transformations = [{ kind: "uppercase", columns: ["quantity"] }]), "datasets[2].transformations[0].columns[0]", "quantity", "applies to string columns only"],
  ["a clustering column is not an output", (p) => (gold(p, 0).clusterBy = ["order_ts"]), "gold[0].clusterBy[0]", "order_ts", "must be an output column: order_date, category, revenue, order_count, units"],
  ["an e-mail address is malformed", (p) => (at(p, "environments", 0, "notifications").emails = ["oncall-at-example"]), "environments[0].notifications.emails[0]", "oncall-at-example", "email"],
  ["the cron has a seconds field out of range", (p) => (at(p, "environments", 0, "schedule").quartzCron = "61 0 2 * * ?"), "environments[0].schedule.quartzCron", "61 0 2 * * ?", 'the seconds field "61" is not valid Quartz syntax'],
  ["the job runs as an unknown principal", (p) => (at(p, "access").jobRunAs = "rtl-pipline"), "access.jobRunAs", "rtl-pipline", "must name a service principal in access.principals: rtl-pipeline"],
];

describe("malformed specs through synthPlatform", () => {
  it("covers at least 60 malformed specs", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)("fails if %s, naming path, value and what is accepted, writing nothing", (_name, mutate, path, value, accepted) => {
    const { error, wrote } = synthBroken(mutate);
    const problem = error.problems.find((x) => x.path === path);
    expect(problem?.value).toStrictEqual(value);
    expect(problem?.message).toContain(accepted);
    expect(wrote).toBe(false);
  });
});
