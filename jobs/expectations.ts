/**
 * One Great Expectations (GX Core 1.x) expectation suite per dataset, from the rules silver evaluates
 * (jobs/quality.ts): the same rules, in the same order, under the same names (each expectation's
 * meta.rule). The suite describes silver's typed columns, so a rule about the landing text (a value
 * that does not cast, a malformed line, an unexpected column) has no expectation of the same
 * meaning: it is listed in the suite's notes instead, never dropped.
 */
import type { DatasetSpec, Platform } from "../platform";
import { type RowRule, rowRules } from "./quality";

/** The GX release the suites are written for and tested with (.venv-gx, runtime's GX task). */
export const GX_VERSION = "1.24.1";

export interface Expectation {
  /** GX's expectation type, e.g. expect_column_values_to_be_between. */
  readonly type: string;
  readonly kwargs: Readonly<Record<string, string | number | ReadonlyArray<string | number>>>;
  /** rule: the pipeline's rule name (quarantine's _failed_rules, quality results). */
  readonly meta: { readonly rule: string };
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

function expectation(rule: RowRule): Expectation | undefined {
  const meta = { rule: rule.name };
  switch (rule.kind) {
    case "not_null":
      return { type: "expect_column_values_to_not_be_null", kwargs: { column: rule.column }, meta };
    case "unique":
      return { type: "expect_column_values_to_be_unique", kwargs: { column: rule.column }, meta };
    case "between":
      // Inclusive bounds and nulls passing, as GX's defaults (strict_min/max false) and the runtime.
      return {
        type: "expect_column_values_to_be_between",
        kwargs: { column: rule.column, ...(rule.min === undefined ? {} : { min_value: rule.min }), ...(rule.max === undefined ? {} : { max_value: rule.max }) },
        meta,
      };
    case "in_set":
      return { type: "expect_column_values_to_be_in_set", kwargs: { column: rule.column, value_set: rule.values }, meta };
    case "regex":
      return { type: "expect_column_values_to_match_regex", kwargs: { column: rule.column, regex: rule.regex }, meta };
    case "sql":
      return { type: "unexpected_rows_expectation", kwargs: { unexpected_rows_query: unexpectedRowsQuery(rule.expression) }, meta };
    default:
      return undefined;
  }
}

export function expectationSuite(ds: DatasetSpec): ExpectationSuite {
  const rules = rowRules(ds);
  const expectations = rules.flatMap((r) => expectation(r) ?? []);
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
