/**
 * The environment's AI/BI (Lakeview) dashboard, generated from the spec: rows per layer and
 * dataset, quarantined rows by rule over time, the pipeline job's run durations, and cost per
 * environment by the platform's tags. Returned as the serialized JSON databricks_dashboard takes,
 * with each dataset's SQL also listed for the tests.
 */
import { qualifiedIdent } from "../jobs/identifiers";
import * as naming from "../naming";
import { dashboardName, SYSTEM_TABLES } from "../naming/observability";
import type { Platform } from "../platform";
import { sqlStr, unionAll } from "./sql";

export interface DashboardDataset {
  /** Dataset name inside the dashboard, referenced by its widgets. */
  readonly name: string;
  readonly displayName: string;
  readonly sql: string;
  /** true when it reads only the platform's own tables (the tests run those on local Spark). */
  readonly platformTablesOnly: boolean;
}

type Scale = "categorical" | "quantitative" | "temporal";
interface Chart {
  readonly dataset: string;
  readonly title: string;
  readonly type: "table" | "bar" | "line";
  readonly x?: readonly [string, Scale];
  readonly y?: readonly [string, Scale];
  readonly color?: string;
  readonly columns: ReadonlyArray<string>;
}

/** Rows per layer and dataset: bronze and silver per dataset, quarantine beside silver, gold per aggregate. */
function rowCounts(platform: Platform, catalog: string): string {
  const count = (layer: "bronze" | "silver" | "gold", dataset: string, table: string, label: string = layer) =>
    `SELECT ${sqlStr(label)} AS layer, ${sqlStr(dataset)} AS dataset, count(*) AS row_count FROM ${qualifiedIdent(naming.qualified(catalog, layer, table))}`;
  return unionAll([
    ...platform.datasets.flatMap((ds) => [
      count("bronze", ds.name, naming.bronzeTable(ds)),
      count("silver", ds.name, naming.silverTable(ds)),
      count("silver", ds.name, naming.quarantineTable(ds), "quarantine"),
    ]),
    ...platform.gold.map((g) => count("gold", g.name, naming.goldTable(g))),
  ]);
}

function quarantineByRule(platform: Platform, catalog: string): string {
  const perDataset = unionAll(
    platform.datasets.map(
      (ds) =>
        `SELECT ${sqlStr(ds.name)} AS dataset, _quarantined_at, explode(_failed_rules) AS rule\n` +
        `FROM ${qualifiedIdent(naming.qualified(catalog, "silver", naming.quarantineTable(ds)))}`,
    ),
  );
  return [
    "SELECT date_trunc('DAY', _quarantined_at) AS day, dataset, rule, count(*) AS row_count",
    "FROM (",
    perDataset.replace(/^/gm, "  "),
    ") AS quarantined",
    "GROUP BY date_trunc('DAY', _quarantined_at), dataset, rule",
  ].join("\n");
}

/** The pipeline job's runs over 30 days: one timeline row per run slice, so a run spans min start to max end. */
function jobRunDurations(jobName: string): string {
  return [
    "SELECT t.run_id, min(t.period_start_time) AS started_at,",
    "  timestampdiff(SECOND, min(t.period_start_time), max(t.period_end_time)) AS duration_seconds,",
    "  max(t.result_state) AS result_state",
    `FROM ${SYSTEM_TABLES.jobRunTimeline} AS t`,
    `WHERE t.job_id IN (SELECT job_id FROM ${SYSTEM_TABLES.jobs} WHERE name = ${sqlStr(jobName)})`,
    "  AND t.period_start_time >= current_timestamp() - INTERVAL 30 DAYS",
    "GROUP BY t.run_id",
  ].join("\n");
}

/**
 * List-price cost per day and environment of everything carrying the platform's tags. Usage
 * without an environment tag is labelled by its workspace: each environment has its own.
 */
const ENVIRONMENT = "coalesce(u.custom_tags['environment'], concat('workspace ', u.workspace_id))";

function costByEnvironment(tags: Readonly<Record<string, string>>): string {
  const tagged = Object.entries(tags).map(([key, value]) => `  AND u.custom_tags[${sqlStr(key)}] = ${sqlStr(value)}`);
  return [
    `SELECT u.usage_date, ${ENVIRONMENT} AS environment,`,
    "  sum(u.usage_quantity * p.pricing.default) AS list_cost_usd",
    `FROM ${SYSTEM_TABLES.usage} AS u`,
    `JOIN ${SYSTEM_TABLES.listPrices} AS p`,
    "  ON p.sku_name = u.sku_name AND p.usage_unit = u.usage_unit",
    "  AND u.usage_end_time >= p.price_start_time AND (p.price_end_time IS NULL OR u.usage_end_time < p.price_end_time)",
    "WHERE u.usage_date >= current_date() - INTERVAL 30 DAYS",
    ...tagged,
    `GROUP BY u.usage_date, ${ENVIRONMENT}`,
  ].join("\n");
}

/** The dashboard's datasets for one environment. */
export function dashboardDatasets(platform: Platform, ref: naming.EnvRef): DashboardDataset[] {
  const catalog = naming.catalogName(ref);
  return [
    { name: "row_counts", displayName: "Rows per layer and dataset", sql: rowCounts(platform, catalog), platformTablesOnly: true },
    { name: "quarantine_by_rule", displayName: "Quarantined rows by rule", sql: quarantineByRule(platform, catalog), platformTablesOnly: true },
    { name: "job_runs", displayName: "Pipeline run durations", sql: jobRunDurations(naming.jobName(ref)), platformTablesOnly: false },
    { name: "cost", displayName: "Cost per environment", sql: costByEnvironment(platform.tags), platformTablesOnly: false },
  ];
}

const CHARTS: ReadonlyArray<Chart> = [
  { dataset: "row_counts", title: "Rows per layer and dataset", type: "table", columns: ["layer", "dataset", "row_count"] },
  { dataset: "quarantine_by_rule", title: "Quarantined rows by rule", type: "bar", x: ["day", "temporal"], y: ["row_count", "quantitative"], color: "rule", columns: ["day", "rule", "row_count"] },
  { dataset: "job_runs", title: "Pipeline run duration (s)", type: "line", x: ["started_at", "temporal"], y: ["duration_seconds", "quantitative"], columns: ["started_at", "duration_seconds"] },
  { dataset: "cost", title: "List cost per environment (USD)", type: "bar", x: ["usage_date", "temporal"], y: ["list_cost_usd", "quantitative"], color: "environment", columns: ["usage_date", "environment", "list_cost_usd"] },
];

const WIDTH = 3;
const HEIGHT = 6;

function widget(chart: Chart, index: number) {
  const field = (name: string) => ({ name, expression: `\`${name}\`` });
  const axis = (a: readonly [string, Scale]) => ({ fieldName: a[0], scale: { type: a[1] } });
  const encodings =
    chart.type === "table"
      ? { columns: chart.columns.map((c) => ({ fieldName: c, displayName: c })) }
      : {
          x: axis(chart.x!),
          y: axis(chart.y!),
          ...(chart.color ? { color: { fieldName: chart.color, scale: { type: "categorical" } } } : {}),
        };
  return {
    widget: {
      name: chart.dataset,
      queries: [{ name: "main_query", query: { datasetName: chart.dataset, fields: chart.columns.map(field), disaggregated: true } }],
      spec: { version: chart.type === "table" ? 1 : 3, widgetType: chart.type, encodings, frame: { showTitle: true, title: chart.title } },
    },
    position: { x: (index % 2) * WIDTH, y: Math.floor(index / 2) * HEIGHT, width: WIDTH, height: HEIGHT },
  };
}

/** The serialized dashboard (Lakeview JSON) of one environment. */
export function serializedDashboard(platform: Platform, ref: naming.EnvRef): string {
  const datasets = dashboardDatasets(platform, ref).map((d) => ({
    name: d.name,
    displayName: d.displayName,
    queryLines: d.sql.split("\n").map((line, i, all) => (i < all.length - 1 ? `${line}\n` : line)),
  }));
  const page = { name: "lakehouse", displayName: dashboardName(ref), layout: CHARTS.map(widget) };
  return JSON.stringify({ datasets, pages: [page] }, null, 2);
}
