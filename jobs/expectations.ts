/**
 * One Great Expectations (GX Core 1.x) expectation suite per dataset, from the rules silver evaluates
 * (jobs/quality.ts): the same rules, in the same order, under the same names (each expectation's
 * meta.rule). The suite describes silver's typed columns, so a rule about the landing text (a value
 * that does not cast, a malformed line, an unexpected column) has no expectation of the same
 * meaning: it is listed in the suite's notes instead, never dropped. After the row rules come the
 * batch's own expectations: each silver column's type, and the spec's volume and freshness bounds.
 */
import { BATCH_ROWS_RULE, freshnessRuleName, ruleName, silverTypeRuleName } from "../naming/pipeline";
import { type DatasetSpec, type ExpectationSeverity, type Platform, silverColumns } from "../platform";
import { type RowRule, rowRules } from "./quality";

/** The GX release the suites are written for and tested with (.venv-gx, runtime's GX task). */
export const GX_VERSION = "1.24.1";

/** A value GX fills in when the suite runs (a suite parameter: the validation task passes it). */
export interface SuiteParameter {
  readonly $PARAMETER: string;
}

/**
 * GX's severities: a failed `critical` expectation fails the validation task, a `warning` one is
 * recorded and alerted on (GX Core 1.x expectations carry `severity`, default critical).
 */
export type GxSeverity = "critical" | "warning";
const GX_SEVERITY: Readonly<Record<ExpectationSeverity, GxSeverity>> = { fail: "critical", warn: "warning" };

export interface Expectation {
  /** GX's expectation type, e.g. expect_column_values_to_be_between. */
  readonly type: string;
  readonly kwargs: Readonly<Record<string, string | number | SuiteParameter | ReadonlyArray<string | number>>>;
  /**
   * rule: the pipeline's rule name (quarantine's _failed_rules, quality results) or the batch
   * expectation's (naming/pipeline.ts); max_age_hours: a freshness expectation's bound, from which
   * the validation task computes its `fresh_since` parameter.
   */
  readonly meta: { readonly rule: string; readonly max_age_hours?: number };
  readonly severity: GxSeverity;
}

export interface ExpectationSuite {
  readonly name: string;
  readonly expectations: ReadonlyArray<Expectation>;
  readonly meta: { readonly great_expectations_version: string; readonly dataset: string };
  /** One line per rule the suite cannot express, saying which and why. */
  readonly notes: ReadonlyArray<string>;
}

/** Why a built-in rule has no expectation over silver's typed columns. */
const LANDING_ONLY: Readonly<Record<string, string>> = {
  type: "checks that the landing text casts to the column's type; silver holds the cast value (null when it did not cast)",
  well_formed: "checks that the landing line parsed; silver holds only parsed rows",
  column_set: "checks the landing file's columns against the spec; silver's columns are the spec's",
};

/**
 * A SQL rule passes only when its expression is true (null fails, as in runtime/.../rules.py), so
 * its unexpected rows are those where it is not true. {batch} is GX's placeholder for the batch.
 */
export const unexpectedRowsQuery = (expression: string): string =>
  `SELECT * FROM {batch} WHERE NOT coalesce((${expression}), false)`;

/** The spec's severity and `mostly` of a row rule by name: built-in rules fail the task and hold for every row. */
type Gate = { readonly severity: GxSeverity; readonly mostly?: number };

function gates(ds: DatasetSpec): ReadonlyMap<string, Gate> {
  return new Map(ds.quality.rules.map((r) => [ruleName(r), { severity: GX_SEVERITY[r.severity], ...("mostly" in r && r.mostly !== undefined ? { mostly: r.mostly } : {}) }]));
}

function expectation(rule: RowRule, gate: Gate = { severity: "critical" }): Expectation | undefined {
  const found = rowExpectation(rule);
  if (!found) return undefined;
  // `mostly` applies to column map expectations only; the schema admits it on column rules only.
  const kwargs = gate.mostly === undefined ? found.kwargs : { ...found.kwargs, mostly: gate.mostly };
  return { type: found.type, kwargs, meta: { rule: rule.name }, severity: gate.severity };
}

function rowExpectation(rule: RowRule): Pick<Expectation, "type" | "kwargs"> | undefined {
  switch (rule.kind) {
    case "not_null":
      return { type: "expect_column_values_to_not_be_null", kwargs: { column: rule.column } };
    case "unique":
      return { type: "expect_column_values_to_be_unique", kwargs: { column: rule.column } };
    case "between":
      // Inclusive bounds and nulls passing, as GX's defaults (strict_min/max false) and the runtime.
      return {
        type: "expect_column_values_to_be_between",
        kwargs: { column: rule.column, ...(rule.min === undefined ? {} : { min_value: rule.min }), ...(rule.max === undefined ? {} : { max_value: rule.max }) },
      };
    case "in_set":
      return { type: "expect_column_values_to_be_in_set", kwargs: { column: rule.column, value_set: rule.values } };
    case "regex":
      return { type: "expect_column_values_to_match_regex", kwargs: { column: rule.column, regex: rule.regex } };
    case "sql":
      return { type: "unexpected_rows_expectation", kwargs: { unexpected_rows_query: unexpectedRowsQuery(rule.expression) } };
    default:
      return undefined;
  }
}

/**
 * pyspark's type class per spec type, as expect_column_values_to_be_of_type names it on Spark
 * (GX checks the column's type is an instance of pyspark.sql.types.<type_>; decimal precision is not compared).
 */
const SPARK_TYPES: Readonly<Record<string, string>> = {
  string: "StringType",
  boolean: "BooleanType",
  int: "IntegerType",
  bigint: "LongType",
  double: "DoubleType",
  float: "FloatType",
  date: "DateType",
  timestamp: "TimestampType",
};
export const sparkTypeName = (type: string): string => SPARK_TYPES[type] ?? (type.startsWith("decimal(") ? "DecimalType" : type);

/** The suite parameter a freshness expectation's lower bound is: now less max_age_hours, computed when the task runs. */
export const FRESH_SINCE = "fresh_since";

/** The batch's own expectations: silver's typed columns, then the spec's volume and freshness. */
function batchExpectations(ds: DatasetSpec): Expectation[] {
  const schema = silverColumns(ds).map(
    (c): Expectation => ({
      type: "expect_column_values_to_be_of_type",
      kwargs: { column: c.name, type_: sparkTypeName(c.type) },
      meta: { rule: silverTypeRuleName(c.name) },
      severity: "critical",
    }),
  );
  const { volume, freshness } = ds.quality;
  const rows: Expectation[] = volume
    ? [
        {
          type: "expect_table_row_count_to_be_between",
          kwargs: { ...(volume.minRows === undefined ? {} : { min_value: volume.minRows }), ...(volume.maxRows === undefined ? {} : { max_value: volume.maxRows }) },
          meta: { rule: BATCH_ROWS_RULE },
          severity: GX_SEVERITY[volume.severity],
        },
      ]
    : [];
  const fresh: Expectation[] = freshness
    ? [
        {
          type: "expect_column_max_to_be_between",
          kwargs: { column: ds.orderingColumn, min_value: { $PARAMETER: FRESH_SINCE } },
          meta: { rule: freshnessRuleName(ds.orderingColumn), max_age_hours: freshness.maxAgeHours },
          severity: GX_SEVERITY[freshness.severity],
        },
      ]
    : [];
  return [...schema, ...rows, ...fresh];
}

export function expectationSuite(ds: DatasetSpec): ExpectationSuite {
  const rules = rowRules(ds);
  const gated = gates(ds);
  const expectations = [...rules.flatMap((r) => expectation(r, gated.get(r.name)) ?? []), ...batchExpectations(ds)];
  const notes = rules
    .filter((r) => expectation(r) === undefined)
    .map((r) => `${r.name}: not expressed, the pipeline ${LANDING_ONLY[r.kind] ?? `has no GX expectation for rule kind ${r.kind}`}`);
  return { name: ds.name, expectations, meta: { great_expectations_version: GX_VERSION, dataset: ds.name }, notes };
}

/** The suite file's content: stable JSON, so its hash changes only with the rules. */
export const suiteJson = (ds: DatasetSpec): string => `${JSON.stringify(expectationSuite(ds), null, 2)}\n`;

export interface SuiteFile {
  /** The file name in the synth output and the workspace: <dataset>.json. */
  readonly fileName: string;
  readonly content: string;
}

export const suiteFileName = (ds: Pick<DatasetSpec, "name">): string => `${ds.name}.json`;

/** Every dataset's suite file, in spec order. */
export const suiteFiles = (platform: Platform): SuiteFile[] => platform.datasets.map((ds) => ({ fileName: suiteFileName(ds), content: suiteJson(ds) }));
