/** The overview's tables: environments, the access matrix and the data dictionary, as Markdown. */
import { governancePlan, maskOf, piiReaders } from "../jobs/governance-sql";
import * as naming from "../naming";
import { ruleName } from "../naming/pipeline";
import { alertName, ALERT_KINDS, environmentAlertKinds, EXPECTATION_WARNING_ALERT, warehouseName } from "../naming/observability";
import { LAYERS, type DatasetSpec, type Platform, warnFailedFraction } from "../platform";

/** A Markdown table; pipes in cells are escaped so a value cannot add a column. */
export function table(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cell = (v: string | number) => String(v).replace(/\|/g, "\\|").replace(/\n/g, " ");
  return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.map(cell).join(" | ")} |`).join("\n");
}

export function environments(platform: Platform): string {
  return table(
    ["stack", "cloud", "region", "catalog", "warehouse", "Databricks budget / month", "cloud budget / month", "alerts"],
    platform.environments.map((env) => {
      const ref = naming.envRef(platform, env);
      const { warehouse, budgets, alerts } = env.observability;
      const region = env.cloud === "aws" ? env.aws.region : env.azure.location;
      return [
        naming.stackName(env),
        env.cloud,
        region,
        naming.catalogName(ref),
        `${warehouseName(ref)} (${warehouse.size}, ${warehouse.serverless ? "serverless" : "pro"}, stops after ${warehouse.autoStopMinutes} min)`,
        `${budgets.databricksMonthlyUsd} USD at ${budgets.thresholdsPercent.join("/")} %`,
        `${budgets.cloudMonthlyAmount} ${env.cloud === "aws" ? "USD" : "(billing currency)"}`,
        `${environmentAlertKinds(env).length} on \`${alerts.quartzCron}\``,
      ];
    }),
  );
}

export function accessMatrix(platform: Platform): string {
  const hasPii = platform.datasets.some((ds) => ds.columns.some((c) => c.pii));
  // The governance model's readers of clear values: principals with the PII permission and the job's run-as.
  const clear = new Set(piiReaders(platform).map((p) => p.name));
  return table(
    ["principal", "type", ...LAYERS, ...(hasPii ? ["PII in clear"] : [])],
    platform.access.principals.map((p) => [
      p.name,
      p.type === "group" ? "group" : "service principal",
      ...LAYERS.map((l) => p.layers[l] ?? "-"),
      ...(hasPii ? [clear.has(p.name) ? "yes" : "masked"] : []),
    ]),
  );
}

/** Who sees which rows: each row filter of the spec and the tables it is applied to; empty without any. */
export function rowFilters(platform: Platform): string {
  const filtered = platform.datasets.flatMap((ds) => (ds.rowFilter ? [{ ds, filter: ds.rowFilter }] : []));
  if (filtered.length === 0) return "";
  const tables = governancePlan(platform).rowFilters.map((t) => `${naming.schemaName(t.layer)}.${t.table}`);
  const rows = filtered.map(({ ds, filter }) => [
    ds.name,
    filter.column,
    [...new Set([...filter.allRows, platform.access.jobRunAs])].join(", "),
    filter.grants.map((g) => `${g.principals.join(", ")}: ${g.values.join(", ")}`).join("; "),
  ]);
  return [
    table(["dataset", "filter column", "sees every row", "sees only these values"], rows),
    "",
    `Anyone else sees no rows. Applied to ${tables.map((t) => `\`${t}\``).join(", ")}.`,
  ].join("\n");
}

function rulesOf(ds: DatasetSpec, column: string): string {
  const rules = ds.quality.rules.filter((r) => "column" in r && r.column === column).map(ruleName);
  return rules.join(", ") || "-";
}

export function dictionary(ds: DatasetSpec): string {
  const columns = table(
    ["column", "type", "nullable", "PII", "key", "rules", "description"],
    ds.columns.map((c) => [
      c.name,
      c.type,
      c.nullable && !ds.primaryKey.includes(c.name) ? "yes" : "no",
      c.pii ? `yes (${maskOf(c)})` : "-",
      ds.primaryKey.includes(c.name) ? "primary" : c.name === ds.orderingColumn ? "ordering" : "-",
      rulesOf(ds, c.name),
      c.description || "-",
    ]),
  );
  const expressions = ds.quality.rules.filter((r) => r.expect === "expect_sql_expression_to_be_true");
  const derived = ds.transformations.filter((t) => t.kind === "derive");
  return [
    `### ${ds.name}`,
    ...(ds.description ? [ds.description] : []),
    "",
    `Source: \`${ds.source.format}\` in landing/${ds.source.folder ?? ds.name}. Silver fails above ${ds.quality.maxFailedFraction * 100} % failed rows,`,
    `warns above ${warnFailedFraction(ds) * 100} %; fresh within ${ds.monitoring.freshnessHours} h; quarantine may grow by ${ds.monitoring.maxQuarantinedRowsPerDay} rows a day.`,
    "",
    columns,
    ...derived.map((t) => `- derived \`${t.column}\` (${t.type}) = \`${t.expression}\``),
    ...expressions.map((r) => `- rule \`${ruleName(r)}\`: \`${r.expression}\``),
  ].join("\n");
}

export function alerts(platform: Platform): string {
  const env = platform.environments[0];
  const ref = naming.envRef(platform, env);
  return (
    `Every environment evaluates the same ${ALERT_KINDS.length} alerts (names shown for ${naming.stackName(env)}): ${ALERT_KINDS.map((k) => `\`${alertName(ref, k)}\``).join(", ")}; ` +
    `those validating with Great Expectations also \`${alertName(ref, EXPECTATION_WARNING_ALERT)}\`.`
  );
}
