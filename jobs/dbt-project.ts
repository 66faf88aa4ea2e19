/**
 * Gold as a dbt project (environments[].gold.engine "dbt"): one model per gold aggregate whose SQL
 * is the SQL engine's own query (jobs/gold-query.ts) reading silver as dbt sources, and data tests
 * from what the spec knows about the result: the group-by columns are the table's key (one row per
 * combination), not null where the column they come from is non-nullable and not left-joined, and
 * within the value set an in-set rule gives that column in silver.
 *
 * A governed gold table's masks and row filter are dbt-databricks configs (modelGovernance), from the
 * governance plan the SQL engine creates its tables with: dbt-databricks' create-then-insert
 * materializations (the use_materialization_v2 flag) write them into the CREATE statement, before
 * a row is inserted, so no version of the table is readable unmasked.
 */
import { dump } from "js-yaml";
import * as naming from "../naming";
import { type DatasetSpec, type GoldAggregateSpec, type MeasureSpec, type Platform, resolveColumn, silverColumns } from "../platform";
import { goldInputs, goldQuery, outputName, qualify } from "./gold-query";
import { governancePlan, type GovernancePlan, tableGovernance } from "./governance-sql";

/** dbt's project name and the profile it asks for (the Databricks dbt task generates that profile). */
export const DBT_PROJECT = "lakehouse_gold";
/** The dbt-databricks release the job's dbt task installs; local tests run dbt-spark 1.11 (requirements-dbt.txt). */
export const DBT_DATABRICKS_PACKAGE = "dbt-databricks==1.12.7";
/** The source name silver tables are read through: {{ source('silver', table) }}. */
const SOURCE = naming.schemaName("silver");

export interface DbtFile {
  /** Path inside the project folder, e.g. models/daily_sales.sql. */
  readonly path: string;
  readonly content: string;
}

const yaml = (value: unknown) => dump(value, { lineWidth: -1, noRefs: true });

/** A governance function (schema.function) in the catalog dbt runs in: the task's catalog, one project for every environment. */
const inTargetCatalog = (fn: string) => `{{ target.catalog }}.${fn}`;

/** A gold model's governance as dbt-databricks configs: a column_mask per masked column, the row_filter. */
export interface ModelGovernance {
  readonly columnMasks: Readonly<Record<string, { readonly function: string }>>;
  readonly rowFilter?: { readonly function: string; readonly columns: ReadonlyArray<string> };
}

/**
 * The masks and row filter the SQL engine creates this gold table with (tableGovernance), as
 * dbt-databricks 1.12 reads them: `column_mask` on a column and `row_filter` in the model's config
 * (https://docs.getdbt.com/reference/resource-configs/databricks-configs). Functions are fully
 * qualified: dbt-databricks writes a column mask's name into CREATE as given, and refuses a
 * two-part row filter name as ambiguous.
 */
export function modelGovernance(g: GoldAggregateSpec, plan: GovernancePlan): ModelGovernance {
  const governed = tableGovernance(plan, "gold", naming.goldTable(g));
  const columnMasks = Object.fromEntries(Object.entries(governed.masks).map(([column, fn]) => [column, { function: inTargetCatalog(fn) }]));
  const filter = governed.row_filter;
  return { columnMasks, ...(filter ? { rowFilter: { function: inTargetCatalog(filter.function), columns: filter.columns } } : {}) };
}

/** decimal(p,s) widened as Spark widens it, bounded to Spark's 38 digits (DecimalType.bounded). */
function widen(type: string, precision: number, scale: number): string {
  const [, p, s] = /^decimal\((\d+),(\d+)\)$/.exec(type) as RegExpExecArray;
  return `decimal(${Math.min(38, Number(p) + precision)},${Math.min(38, Number(s) + scale)})`;
}

/** The Spark type of an aggregate over a column of `type` (Spark's Sum, Average, Count, Min, Max). */
function measureType(fn: MeasureSpec["fn"], type: string | undefined): string {
  if (fn === "count" || fn === "count_distinct") return "bigint";
  if (type === undefined) throw new Error(`measure ${fn} needs a column`);
  if (fn === "min" || fn === "max") return type;
  const decimal = type.startsWith("decimal(");
  if (fn === "sum") return decimal ? widen(type, 10, 0) : type === "int" || type === "bigint" ? "bigint" : "double";
  return decimal ? widen(type, 4, 4) : "double";
}

/** Every output column of a gold aggregate with its Spark type, in the query's order: the model's contract. */
export function goldColumns(g: GoldAggregateSpec, platform: Platform): { name: string; data_type: string }[] {
  const inputs = goldInputs(g);
  const silver = new Map(platform.datasets.map((ds) => [ds.name, silverColumns(ds)]));
  const typeOf = (ref: string) => {
    const found = resolveColumn(ref, inputs, silver);
    if (!found) throw new Error(`gold "${g.name}": column "${ref}" is in none of ${inputs.join(", ")}`);
    return found.column.type;
  };
  return [
    ...g.groupBy.map((ref) => ({ name: outputName(ref), data_type: typeOf(ref) })),
    ...g.measures.map((m) => ({ name: m.name, data_type: measureType(m.fn, m.column === undefined ? undefined : typeOf(m.column)) })),
  ];
}

/** The group-by columns' output names, each with the dataset and column it comes from. */
function keyColumns(g: GoldAggregateSpec, platform: Platform): { name: string; dataset: DatasetSpec; column: string }[] {
  const byName = new Map(platform.datasets.map((d) => [d.name, d]));
  const inQuery = goldInputs(g).map((name) => byName.get(name) as DatasetSpec);
  return g.groupBy.map((ref) => {
    const [dataset, column] = qualify(ref, inQuery).split(".");
    return { name: outputName(ref), dataset: byName.get(dataset) as DatasetSpec, column };
  });
}

/** The generic tests of one key column: not_null and accepted_values, where the spec gives them. */
function columnTests(g: GoldAggregateSpec, key: { dataset: DatasetSpec; column: string }): unknown[] {
  const leftJoined = g.joins.some((j) => j.type === "left" && j.dataset === key.dataset.name);
  const spec = key.dataset.columns.find((c) => c.name === key.column);
  const notNull = !leftJoined && (spec?.nullable === false || key.dataset.primaryKey.includes(key.column));
  const inSet = key.dataset.quality.rules.flatMap((r) => (r.expect === "expect_column_values_to_be_in_set" && r.column === key.column ? [r.valueSet] : []));
  return [...(notNull ? ["not_null"] : []), ...inSet.map((values) => ({ accepted_values: { arguments: { values } } }))];
}

/** The model: the gold query with each input read through its silver source. */
export function goldModel(g: GoldAggregateSpec, platform: Platform): string {
  const query = goldQuery(g, platform, (dataset) => `{{ source('${SOURCE}', '${naming.silverTable({ name: dataset })}') }}`);
  // https://docs.databricks.com/aws/en/delta/clustering: liquid clustering on the same columns as
  // the SQL engine's table (dbt-databricks' liquid_clustered_by; dbt-spark ignores the setting).
  const clusterBy = g.clusterBy ?? g.groupBy.map(outputName);
  const config = `{{ config(materialized='table', file_format='delta', liquid_clustered_by=${JSON.stringify(clusterBy)}) }}`;
  return [config, "", ...query, ""].join("\n");
}

/** The column silver stamps each row with when bronze ingested it (runtime/src/lakehouse_runtime/silver.py SILVER_AUDIT). */
export const LOADED_AT_COLUMN = "_ingested_at";

/**
 * A silver source with its freshness: warn when its newest row is older than the dataset's
 * monitoring.freshnessHours, the age at which the freshness alert fires. Only a warning: `dbt source
 * freshness` exits non-zero on error_after alone, and gold should still rebuild from older silver;
 * the alert is what pages (https://docs.getdbt.com/reference/resource-properties/freshness).
 */
function sourceTable(ds: DatasetSpec): unknown {
  return {
    name: naming.silverTable(ds),
    loaded_at_field: LOADED_AT_COLUMN,
    freshness: { warn_after: { count: ds.monitoring.freshnessHours, period: "hour" } },
  };
}

/** A singular test: it fails with the rows of every key combination that occurs more than once. */
function keyTest(g: GoldAggregateSpec, platform: Platform): string {
  const keys = keyColumns(g, platform).map((k) => k.name);
  // GROUP BY puts null keys in one group: a left join's unmatched rows are one combination too.
  return [
    `SELECT ${keys.join(", ")}, count(*) AS occurrences`,
    `FROM {{ ref('${naming.goldTable(g)}') }}`,
    `GROUP BY ${keys.join(", ")}`,
    "HAVING count(*) > 1",
    "",
  ].join("\n");
}

/** Every file of the project, sorted by path; the same for every environment. */
export function dbtProject(platform: Platform): DbtFile[] {
  const silverInputs = [...new Set(platform.gold.flatMap(goldInputs))].sort();
  const plan = governancePlan(platform);
  const byName = new Map(platform.datasets.map((d) => [d.name, d]));
  const files: DbtFile[] = [
    {
      path: "dbt_project.yml",
      content: yaml({
        name: DBT_PROJECT,
        version: "1.0.0",
        "config-version": 2,
        profile: DBT_PROJECT,
        "model-paths": ["models"],
        "test-paths": ["tests"],
        // https://docs.getdbt.com/reference/global-configs/databricks-changes: the create-then-insert
        // materializations, the ones that write column masks into CREATE (the CTAS path has none).
        flags: { use_materialization_v2: true },
      }),
    },
    {
      path: "models/sources.yml",
      content: yaml({ version: 2, sources: [{ name: SOURCE, schema: naming.schemaName("silver"), tables: silverInputs.map((name) => sourceTable(byName.get(name) as DatasetSpec)) }] }),
    },
    {
      path: "models/schema.yml",
      content: yaml({
        version: 2,
        models: platform.gold.map((g) => {
          const { columnMasks, rowFilter } = modelGovernance(g, plan);
          const tests = new Map(keyColumns(g, platform).map((k) => [k.name, columnTests(g, k)]));
          const columns = goldColumns(g, platform).map(({ name, data_type }) => {
            const data_tests = tests.get(name) ?? [];
            return { name, data_type, ...(data_tests.length > 0 ? { data_tests } : {}), ...(columnMasks[name] ? { column_mask: columnMasks[name] } : {}) };
          });
          return {
            name: naming.goldTable(g),
            ...(g.description ? { description: g.description } : {}),
            // An enforced contract: dbt checks the query's column names and types against these
            // before it creates the table (https://docs.getdbt.com/reference/resource-configs/contract).
            config: { contract: { enforced: true }, ...(rowFilter ? { row_filter: rowFilter } : {}) },
            columns,
          };
        }),
      }),
    },
    ...platform.gold.flatMap((g): DbtFile[] => [
      { path: `models/${naming.goldTable(g)}.sql`, content: goldModel(g, platform) },
      { path: `tests/${naming.goldTable(g)}_key_unique.sql`, content: keyTest(g, platform) },
    ]),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
