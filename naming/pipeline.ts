/**
 * Names the generated pipeline needs beyond the core set in ./index: quality rule names and the
 * runtime's workspace folder. Kept beside the core names so the notebooks and the job construct
 * spell them the same way.
 */
import type { QualityRuleSpec } from "../platform/schema";
import { type EnvRef, workspaceFolder } from "./index";

/**
 * The workspace folder one version of the runtime package is deployed to: its name carries the
 * content hash, so a runtime change is a new folder in the plan and notebooks import exactly the
 * version the job names.
 */
export const runtimeFolder = (r: EnvRef, contentHash: string) => `${workspaceFolder(r)}/runtime/${contentHash}`;
/** The Great Expectations validation task (environments[].greatExpectations.validate), its notebook and results table. */
export const EXPECTATIONS_TASK_KEY = "validate_expectations";
export const EXPECTATIONS_NOTEBOOK = "expectations";
export const EXPECTATION_RESULTS_TABLE = "expectation_results";
/**
 * The managed volume in the silver schema holding Great Expectations' file-backed project: its
 * stored validation results and Data Docs site (lakehouse_runtime.expectations), at
 * /Volumes/<catalog>/silver/data_quality (https://docs.databricks.com/aws/en/sql/language-manual/sql-ref-volumes).
 */
export const DATA_QUALITY_VOLUME = "data_quality";
/** The folder one version of the Great Expectations suites is deployed to, named by their content hash like the runtime's. */
export const expectationsFolder = (r: EnvRef, contentHash: string) => `${workspaceFolder(r)}/expectations/${contentHash}`;
/** The task running the gold dbt project (environments[].gold.engine "dbt"), and its project's folder, content-hashed like the runtime's. */
export const DBT_TASK_KEY = "dbt_gold";
export const dbtProjectFolder = (r: EnvRef, contentHash: string) => `${workspaceFolder(r)}/dbt/${contentHash}`;

/** A rule's name in quarantine and quality results: the spec's name, else expectation:column. */
export const ruleName = (rule: QualityRuleSpec): string =>
  rule.expect === "expect_sql_expression_to_be_true" ? rule.name : (rule.name ?? `${rule.expect}:${rule.column}`);
/** The built-in rule a column fails when its landing value does not cast to the spec's type. */
export const typeRuleName = (column: string) => `expect_column_values_to_be_of_type:${column}`;
/** The built-in rule of a primary-key or non-nullable column. */
export const notNullRuleName = (column: string) => `expect_column_values_to_not_be_null:${column}`;
/** The built-in rule a row fails when the landing file could not be parsed into columns. */
export const WELL_FORMED_RULE = "expect_row_to_be_well_formed";
/** The validation task's expectation that a silver column holds the spec's type. */
export const silverTypeRuleName = (column: string) => `silver_type:${column}`;
/** The validation task's expectation on the number of rows a run wrote to silver (quality.volume). */
export const BATCH_ROWS_RULE = "batch_row_count";
/** The validation task's expectation on the batch's latest ordering value (quality.freshness). */
export const freshnessRuleName = (column: string) => `freshness:${column}`;
/** The built-in rule a row fails when it brings columns the spec lacks and the spec says "fail". */
export const COLUMN_SET_RULE = "expect_table_columns_to_match_set";

