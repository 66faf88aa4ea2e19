/**
 * Names of the governance step: its task, the Unity Catalog functions it creates and the tags it
 * sets. The DDL emitter and the guardrails both use them, so what one writes the other checks.
 */
import type { MaskKind } from "../platform/schema";

export const GOVERNANCE_TASK_KEY = "governance";
/** The notebook's name part: naming.notebookName("governance", GOVERNANCE_NOTEBOOK) is governance_unity_catalog. */
export const GOVERNANCE_NOTEBOOK = "unity_catalog";
/** The task creating the mask and row filter functions before any governed table is created. */
export const GOVERNANCE_SETUP_TASK_KEY = "governance_setup";
/** naming.notebookName("governance", GOVERNANCE_SETUP_NOTEBOOK) is governance_setup. */
export const GOVERNANCE_SETUP_NOTEBOOK = "setup";

/** Column tags on every PII column: pii = true and pii_class = the column's class. */
export const PII_TAG = "pii";
export const PII_CLASS_TAG = "pii_class";
/** The class a PII column without piiClass is tagged with. */
export const DEFAULT_PII_CLASS = "personal";

/** A Spark SQL type as a name part: decimal(10,2) -> decimal_10_2. */
const typePart = (type: string) => type.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/_+$/, "");

/**
 * A mask function, one per (mask, column type) in each schema that has a masked column: the first
 * parameter of a mask must take the column's type and its result must cast back to it.
 * @example maskFunctionName("redact", "string") === "pii_redact_string"
 */
export const maskFunctionName = (mask: MaskKind, type: string) => `pii_${mask}_${typePart(type)}`;

/** The row filter function of one table, in the table's schema: row_filter_customers. */
export const rowFilterFunctionName = (table: string) => `row_filter_${table}`;
