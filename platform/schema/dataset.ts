import { z } from "zod";
import { positiveInt, ucIdentifier } from "./common";
import { datasetGovernanceFields, piiColumnFields } from "./governance";
import { datasetMonitoringSchema } from "./observability";

/** Spark SQL types a column may have. decimal(p,s) is checked by shape here and by bounds in rules. */
export const COLUMN_TYPE = /^(?:string|boolean|int|bigint|double|float|date|timestamp|decimal\(\d{1,2},\d{1,2}\))$/;

export const columnSchema = z.strictObject({
  name: ucIdentifier,
  type: z
    .string()
    .regex(COLUMN_TYPE, "expected one of string, boolean, int, bigint, double, float, date, timestamp, decimal(p,s)"),
  nullable: z.boolean().default(true),
  /** Personal data: tagged in Unity Catalog and masked for readers without the PII permission (access.principals[].pii). */
  pii: z.boolean().default(false),
  ...piiColumnFields,
  description: z.string().default(""),
});
export type ColumnSpec = z.output<typeof columnSchema>;

/**
 * What a failed expectation does in the Great Expectations validation task
 * (environments[].greatExpectations.validate): `fail` fails the task, so gold does not run on the
 * batch; `warn` records the failure and the expectation-warning alert reports it, gold runs.
 */
export const expectationSeverity = z.enum(["fail", "warn"]);
export type ExpectationSeverity = z.output<typeof expectationSeverity>;

const column = { column: ucIdentifier } as const;
const ruleName = { name: ucIdentifier.optional() } as const;
/** The rule's severity in the validation task. @default "fail" */
const gate = { severity: expectationSeverity.default("fail") } as const;
/**
 * A column rule in the validation task passes when at least this share (0-1] of the batch's rows
 * meet it (GX's `mostly`). Silver still quarantines every failing row. @default every row
 */
const columnRule = { ...column, ...ruleName, ...gate, mostly: z.number().gt(0).max(1).optional() } as const;

/**
 * Quality rules, named after Great Expectations' expectations so users recognise them.
 * Each is evaluated natively in Spark by the silver notebook; failing rows go to quarantine.
 */
export const qualityRuleSchema = z.discriminatedUnion("expect", [
  z.strictObject({ expect: z.literal("expect_column_values_to_not_be_null"), ...columnRule }),
  z.strictObject({ expect: z.literal("expect_column_values_to_be_unique"), ...columnRule }),
  z.strictObject({
    expect: z.literal("expect_column_values_to_be_between"),
    ...columnRule,
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.strictObject({
    expect: z.literal("expect_column_values_to_be_in_set"),
    ...columnRule,
    valueSet: z.array(z.union([z.string(), z.number()])).min(1),
  }),
  z.strictObject({
    expect: z.literal("expect_column_values_to_match_regex"),
    ...columnRule,
    regex: z.string().min(1),
  }),
  z.strictObject({
    expect: z.literal("expect_sql_expression_to_be_true"),
    ...gate,
    name: ucIdentifier,
    /** A Spark SQL boolean expression over the silver columns. */
    expression: z.string().min(1),
  }),
]);
export type QualityRuleSpec = z.output<typeof qualityRuleSchema>;

/** Silver standardisation steps, applied in order after casting to the spec's types. */
export const transformationSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("trim"), columns: z.array(ucIdentifier).min(1) }),
  z.strictObject({ kind: z.literal("lowercase"), columns: z.array(ucIdentifier).min(1) }),
  z.strictObject({ kind: z.literal("uppercase"), columns: z.array(ucIdentifier).min(1) }),
  z.strictObject({
    kind: z.literal("derive"),
    column: ucIdentifier,
    /** A Spark SQL expression over the columns. */
    expression: z.string().min(1),
    type: z.string().regex(COLUMN_TYPE, "expected a column type"),
  }),
]);
export type TransformationSpec = z.output<typeof transformationSchema>;

export const datasetSchema = z.strictObject({
  name: ucIdentifier,
  description: z.string().default(""),
  source: z.strictObject({
    format: z.enum(["csv", "json", "parquet"]),
    /** Sub-folder of the landing location; the dataset name when omitted. */
    folder: z.string().regex(/^[a-z0-9_\-/]+$/, "expected a relative folder (a-z, 0-9, _, -, /)").optional(),
    /** CSV only: first line holds the column names. */
    header: z.boolean().default(true),
  }),
  columns: z.array(columnSchema).min(1),
  primaryKey: z.array(ucIdentifier).min(1),
  /** Latest wins: among rows with one key, the highest value of this column is kept. */
  orderingColumn: ucIdentifier,
  quality: z
    .strictObject({
      rules: z.array(qualityRuleSchema).default([]),
      /** The silver task fails when more than this share (0-1) of a batch fails any rule. */
      maxFailedFraction: z.number().min(0).max(1).default(0.05),
      /**
       * ...and at least this many of its rows failed: one bad row in a tiny batch is quarantined, not
       * fatal. A batch that trips the gate is held until the operator accepts it (README runbook).
       * @default 10
       */
      minFailedRows: positiveInt.default(10),
      /**
       * The validation task's volume expectation: the rows a run wrote to silver (one batch) within
       * these bounds, inclusive. A run that wrote none is not validated. @default no volume expectation
       */
      volume: z
        .strictObject({ minRows: z.number().int().min(0).optional(), maxRows: positiveInt.optional(), severity: expectationSeverity.default("fail") })
        .optional(),
      /**
       * The validation task's freshness expectation: the batch's latest ordering value (a date or
       * timestamp column) at most this many hours old when validated. @default no freshness expectation
       */
      freshness: z.strictObject({ maxAgeHours: positiveInt.max(8760), severity: expectationSeverity.default("warn") }).optional(),
    })
    .default({ rules: [], maxFailedFraction: 0.05, minFailedRows: 10 }),
  transformations: z.array(transformationSchema).default([]),
  /** What silver does when landing data brings a column the spec does not have. */
  schemaEvolution: z.enum(["addNewColumns", "fail"]).default("addNewColumns"),
  ...datasetGovernanceFields,
  /** When the dataset's quality, quarantine and freshness alerts fire (platform/schema/observability.ts). */
  monitoring: datasetMonitoringSchema.prefault({}),
});
export type DatasetSpec = z.output<typeof datasetSchema>;
