/**
 * Alerts over the platform's own tables: a run's failed share above the dataset's warning
 * threshold, quarantine growth within a day, bronze tables that stopped receiving rows, and, where
 * the environment validates with Great Expectations, warn-severity expectations its latest batch failed.
 * Every table name comes from naming/; every threshold from the spec.
 */
import { qualifiedIdent } from "../jobs/identifiers";
import * as naming from "../naming";
import { EXPECTATION_WARNING_ALERT } from "../naming/observability";
import { EXPECTATION_RESULTS_TABLE } from "../naming/pipeline";
import { type DatasetSpec, type Platform, warnFailedFraction } from "../platform";
import { breachesRow, indent, sqlStr, unionAll } from "./sql";
import type { AlertQuery } from "./types";

const silver = (catalog: string, table: string) => naming.qualified(catalog, "silver", table);

/**
 * The latest run of each dataset that evaluated rows, its quarantined rows over its evaluated
 * rows, against the dataset's warning threshold. Every rule of a run counts the same rows, so a
 * run's row count is one rule's total (summed over the run's batches).
 */
function qualityWarning(platform: Platform, catalog: string): AlertQuery {
  const results = silver(catalog, naming.QUALITY_RESULTS_TABLE);
  const thresholds = platform.datasets.map((ds) => `(${sqlStr(ds.name)}, ${warnFailedFraction(ds)})`).join(", ");
  const quarantined = unionAll(
    platform.datasets.map(
      (ds) =>
        `SELECT ${sqlStr(ds.name)} AS dataset, _quarantine_run_id AS run_id, count(*) AS failed\n` +
        `FROM ${qualifiedIdent(silver(catalog, naming.quarantineTable(ds)))}\nGROUP BY _quarantine_run_id`,
    ),
  );
  const sql = [
    "WITH thresholds AS (",
    `  SELECT * FROM VALUES ${thresholds} AS t(dataset, warn_fraction)`,
    "),",
    "per_rule AS (",
    "  SELECT dataset, run_id, rule, sum(total) AS total, max(evaluated_at) AS evaluated_at",
    `  FROM ${qualifiedIdent(results)}`,
    "  GROUP BY dataset, run_id, rule",
    "),",
    "runs AS (",
    "  SELECT dataset, run_id, max(total) AS total, max(evaluated_at) AS evaluated_at,",
    "    row_number() OVER (PARTITION BY dataset ORDER BY max(evaluated_at) DESC) AS recency",
    "  FROM per_rule",
    "  GROUP BY dataset, run_id",
    "),",
    "quarantined AS (",
    indent(quarantined),
    "),",
    "breaching AS (",
    "  SELECT r.dataset, coalesce(q.failed, 0) / r.total AS failed_fraction, t.warn_fraction",
    "  FROM runs AS r",
    "  JOIN thresholds AS t ON t.dataset = r.dataset",
    "  LEFT JOIN quarantined AS q ON q.dataset = r.dataset AND q.run_id = r.run_id",
    "  WHERE r.recency = 1 AND r.total > 0 AND coalesce(q.failed, 0) / r.total > t.warn_fraction",
    ")",
    breachesRow("breaching", "concat(dataset, ' ', format_number(failed_fraction * 100, 1), '% failed (warn above ', format_number(warn_fraction * 100, 1), '%)')"),
  ].join("\n");
  return {
    kind: "quality_warning",
    description: "A dataset's latest run quarantined a larger share of its rows than the dataset's warning threshold.",
    sql,
    reads: [results, ...platform.datasets.map((ds) => silver(catalog, naming.quarantineTable(ds)))],
  };
}

function quarantineGrowth(platform: Platform, catalog: string): AlertQuery {
  const growth = unionAll(
    platform.datasets.map(
      (ds) =>
        `SELECT ${sqlStr(ds.name)} AS dataset, count(*) AS quarantined, ${ds.monitoring.maxQuarantinedRowsPerDay} AS allowed\n` +
        `FROM ${qualifiedIdent(silver(catalog, naming.quarantineTable(ds)))}\nWHERE _quarantined_at >= current_timestamp() - INTERVAL 24 HOURS`,
    ),
  );
  const sql = [
    "WITH growth AS (",
    indent(growth),
    "),",
    "breaching AS (SELECT * FROM growth WHERE quarantined > allowed)",
    breachesRow("breaching", "concat(dataset, ' +', quarantined, ' rows in 24 h (allowed ', allowed, ')')"),
  ].join("\n");
  return {
    kind: "quarantine_growth",
    description: "A dataset's quarantine gained more rows within 24 hours than the dataset allows.",
    sql,
    reads: platform.datasets.map((ds) => silver(catalog, naming.quarantineTable(ds))),
  };
}

const bronze = (catalog: string, ds: DatasetSpec) => naming.qualified(catalog, "bronze", naming.bronzeTable(ds));

function freshness(platform: Platform, catalog: string): AlertQuery {
  const latest = unionAll(
    platform.datasets.map(
      (ds) =>
        `SELECT ${sqlStr(ds.name)} AS dataset, ${ds.monitoring.freshnessHours} AS expected_hours,\n` +
        `  coalesce(max(_ingested_at) < current_timestamp() - INTERVAL ${ds.monitoring.freshnessHours} HOURS, true) AS stale\n` +
        `FROM ${qualifiedIdent(bronze(catalog, ds))}`,
    ),
  );
  const sql = [
    "WITH latest AS (",
    indent(latest),
    "),",
    "breaching AS (SELECT * FROM latest WHERE stale)",
    breachesRow("breaching", "concat(dataset, ' (no new rows within ', expected_hours, ' h)')"),
  ].join("\n");
  return {
    kind: "freshness",
    description: "A bronze table received no new rows within its dataset's expected interval.",
    sql,
    reads: platform.datasets.map((ds) => bronze(catalog, ds)),
  };
}

/**
 * The warn-severity expectations (the spec's `severity: "warn"`) each dataset's latest validated batch failed: the
 * validation task records them and succeeds, so this alert is what tells. A `fail` one fails the task, which alerts
 * as the job's failure.
 */
export function expectationWarning(catalog: string): AlertQuery {
  const results = qualifiedIdent(silver(catalog, EXPECTATION_RESULTS_TABLE));
  const sql = [
    "WITH runs AS (",
    "  SELECT dataset, run_id, row_number() OVER (PARTITION BY dataset ORDER BY max(evaluated_at) DESC) AS recency",
    `  FROM ${results}`,
    "  GROUP BY dataset, run_id",
    "),",
    "breaching AS (",
    "  SELECT r.dataset, r.rule, r.observed",
    `  FROM ${results} AS r`,
    "  JOIN runs AS l ON l.dataset = r.dataset AND l.run_id = r.run_id",
    "  WHERE l.recency = 1 AND NOT r.success AND r.severity = 'warn'",
    ")",
    breachesRow("breaching", "concat(dataset, ' ', rule, ' (observed ', coalesce(observed, 'nothing'), ')')"),
  ].join("\n");
  return {
    kind: EXPECTATION_WARNING_ALERT,
    description: "A dataset's latest validated batch failed a warn-severity Great Expectations expectation (gold ran).",
    sql,
    reads: [silver(catalog, EXPECTATION_RESULTS_TABLE)],
  };
}

/** The data alerts every environment has, reading its catalog. */
export function dataAlerts(platform: Platform, catalog: string): AlertQuery[] {
  return [qualityWarning(platform, catalog), quarantineGrowth(platform, catalog), freshness(platform, catalog)];
}
