import { z } from "zod";
import { ucIdentifier } from "./common";

/**
 * A column reference in a gold aggregate: "dataset.column", or a bare "column" when exactly one
 * input dataset has it.
 */
export const columnRef = z
  .string()
  .regex(/^(?:[a-z][a-z0-9_]*\.)?[a-z][a-z0-9_]*$/, 'expected "column" or "dataset.column"');

export const measureSchema = z.strictObject({
  /** Output column name. */
  name: ucIdentifier,
  fn: z.enum(["sum", "count", "avg", "min", "max", "count_distinct"]),
  /** Input column; omitted only for count (counts rows). */
  column: columnRef.optional(),
});
export type MeasureSpec = z.output<typeof measureSchema>;

export const joinSchema = z.strictObject({
  dataset: ucIdentifier,
  type: z.enum(["inner", "left"]).default("inner"),
  /** Equality conditions: left is a column already in the query, right a column of `dataset`. */
  on: z.array(z.strictObject({ left: columnRef, right: columnRef })).min(1),
});
export type JoinSpec = z.output<typeof joinSchema>;

export const goldAggregateSchema = z.strictObject({
  name: ucIdentifier,
  description: z.string().default(""),
  /** The silver dataset the query starts from. */
  from: ucIdentifier,
  joins: z.array(joinSchema).default([]),
  /** A Spark SQL boolean expression applied before grouping. */
  filter: z.string().min(1).optional(),
  groupBy: z.array(columnRef).min(1),
  measures: z.array(measureSchema).min(1),
  /** Liquid clustering columns (output names); the group-by columns when omitted. */
  clusterBy: z.array(ucIdentifier).optional(),
});
export type GoldAggregateSpec = z.output<typeof goldAggregateSchema>;
