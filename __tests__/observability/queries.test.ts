import * as naming from "../../naming";
import { dashboardDatasets, environmentAlerts } from "../../observability";
import { ALERT_KINDS } from "../../naming/observability";
import { platform } from "../fixtures/platform";
import { parseSparkSql } from "../../platform/syntax/sql";

/** The syntax errors of one or more statements, by the parser of the spec validation. */
const sparkSqlErrors = (sql: string) => parseSparkSql(sql, "statement");

const env = platform.environments[0];
const ref = naming.envRef(platform, env);
const alerts = environmentAlerts(platform, env, "1234567890");
const datasets = dashboardDatasets(platform, ref);

describe("alert queries", () => {
  it("fails if a query does not parse: the parser rejects a broken one", () => {
    expect(sparkSqlErrors(alerts[0].sql.replace("GROUP BY", "GROUP"))).not.toStrictEqual([]);
  });

  it("has one alert of every kind, and the expectation warning only where the environment validates with Great Expectations", () => {
    expect(env.greatExpectations.validate).toBe(false);
    expect(alerts.map((a) => a.kind)).toStrictEqual([...ALERT_KINDS]);
    const prod = platform.environments.find((e) => e.name === "prod" && e.greatExpectations.validate);
    if (!prod) throw new Error("no validating prod");
    const validating = environmentAlerts(platform, prod, "1234567890");
    expect(validating.map((a) => a.kind)).toStrictEqual([...ALERT_KINDS, "expectation_warning"]);
    const warning = validating[validating.length - 1];
    expect(sparkSqlErrors(warning.sql)).toStrictEqual([]);
    expect(warning.sql).toContain("WHERE l.recency = 1 AND NOT r.success AND r.severity = 'warn'");
    expect(warning.reads).toStrictEqual([`${naming.catalogName(naming.envRef(platform, prod))}.silver.expectation_results`]);
  });

  it.each(alerts.map((a) => [a.kind, a.sql]))("%s parses as Spark SQL", (_kind, sql) => {
    expect(sparkSqlErrors(sql)).toStrictEqual([]);
  });

  it.each(alerts.map((a) => [a.kind, a.sql]))("%s ends with one row of breaches and details", (_kind, sql) => {
    expect(sql).toMatch(/\nSELECT count\(\*\) AS breaches, concat_ws\(', ', collect_list\(.+\)\) AS details\nFROM \w+$/);
  });

  it("reads every dataset's quarantine and the quality results from the environment's catalog", () => {
    const quality = alerts.find((a) => a.kind === "quality_warning")!;
    expect(quality.reads).toStrictEqual([
      "rtl_dev.silver.quality_results",
      ...platform.datasets.map((ds) => `rtl_dev.silver.${ds.name}_quarantine`),
    ]);
  });

  it("embeds each dataset's warning threshold, half the gate by default", () => {
    const quality = alerts.find((a) => a.kind === "quality_warning")!;
    for (const ds of platform.datasets) {
      const expected = ds.monitoring.warnFailedFraction ?? ds.quality.maxFailedFraction / 2;
      expect(quality.sql).toContain(`('${ds.name}', ${expected})`);
    }
  });

  it("checks each bronze table against its dataset's freshness interval", () => {
    const freshness = alerts.find((a) => a.kind === "freshness")!;
    for (const ds of platform.datasets) {
      expect(freshness.sql).toContain(
        `coalesce(max(_ingested_at) < current_timestamp() - INTERVAL ${ds.monitoring.freshnessHours} HOURS, true) AS stale\n  FROM \`rtl_dev\`.\`bronze\`.\`${ds.name}\``,
      );
    }
  });

  it("scopes the security alerts to the workspace and account-level events", () => {
    for (const a of alerts.filter((x) => x.reads.includes("system.access.audit"))) {
      expect(a.sql).toContain("workspace_id IN ('1234567890', '0')");
    }
  });
});

describe("dashboard queries", () => {
  it.each(datasets.map((d) => [d.name, d.sql]))("%s parses as Spark SQL", (_name, sql) => {
    expect(sparkSqlErrors(sql)).toStrictEqual([]);
  });

  it("counts rows of every bronze, silver, quarantine and gold table", () => {
    const counts = datasets.find((d) => d.name === "row_counts")!.sql;
    const tables = [...counts.matchAll(/FROM (\S+)/g)].map((m) => m[1]);
    expect(tables).toStrictEqual([
      ...platform.datasets.flatMap((ds) => [`\`rtl_dev\`.\`bronze\`.\`${ds.name}\``, `\`rtl_dev\`.\`silver\`.\`${ds.name}\``, `\`rtl_dev\`.\`silver\`.\`${ds.name}_quarantine\``]),
      ...platform.gold.map((g) => `\`rtl_dev\`.\`gold\`.\`${g.name}\``),
    ]);
  });

  it("filters cost by every platform tag", () => {
    const cost = datasets.find((d) => d.name === "cost")!.sql;
    for (const [key, value] of Object.entries(platform.tags)) expect(cost).toContain(`u.custom_tags['${key}'] = '${value}'`);
  });
});
