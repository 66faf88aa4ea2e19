/**
 * Names the generated pipeline needs beyond the core set in ./index: the silver stream's
 * checkpoint, quality rule names and a layer's storage root URL. Kept beside the core names so
 * the notebooks and the job construct spell them the same way.
 */
import type { EnvironmentSpec, Layer, QualityRuleSpec } from "../platform/schema";
import { adlsContainerName, azureLakeAccountName, type EnvRef, s3BucketName } from "./index";

const trimSlash = (s: string) => s.replace(/\/+$/, "");

/** Streaming checkpoint of one silver table (its read of the bronze change feed). */
export const silverCheckpointPath = (silverRoot: string, ds: { readonly name: string }) =>
  `${trimSlash(silverRoot)}/_checkpoints/${ds.name}`;

/** A rule's name in quarantine and quality results: the spec's name, else expectation:column. */
export const ruleName = (rule: QualityRuleSpec): string =>
  rule.expect === "expect_sql_expression_to_be_true" ? rule.name : (rule.name ?? `${rule.expect}:${rule.column}`);
/** The built-in rule a column fails when its landing value does not cast to the spec's type. */
export const typeRuleName = (column: string) => `expect_column_values_to_be_of_type:${column}`;
/** The built-in rule of a primary-key or non-nullable column. */
export const notNullRuleName = (column: string) => `expect_column_values_to_not_be_null:${column}`;
/** The built-in rule a row fails when the landing file could not be parsed into columns. */
export const WELL_FORMED_RULE = "expect_row_to_be_well_formed";
/** The built-in rule a row fails when it brings columns the spec lacks and the spec says "fail". */
export const COLUMN_SET_RULE = "expect_table_columns_to_match_set";

/**
 * Root URL of a layer's lake storage, as the foundations name it: one S3 bucket per layer on AWS,
 * one ADLS Gen2 container per layer on Azure. Used for the notebooks' widget defaults.
 */
export function layerRootUrl(r: EnvRef, env: EnvironmentSpec, layer: Layer): string {
  if (env.cloud === "aws") return `s3://${s3BucketName(r, layer, env.aws.accountId)}`;
  return `abfss://${adlsContainerName(layer)}@${azureLakeAccountName(r, env.azure.storageAccountName)}.dfs.core.windows.net`;
}
