import { z } from "zod";
import { accessSchema } from "./access";
import { datasetSchema } from "./dataset";
import { environmentSchema } from "./environment";
import { goldAggregateSchema } from "./gold";
import { mlSchema } from "./ml";

export const platformSchema = z.strictObject({
  /** Human name of the platform, e.g. "Retail lakehouse". */
  name: z.string().min(1),
  /** Short lower-case prefix for every resource name, e.g. "rtl". */
  prefix: z.string().regex(/^[a-z][a-z0-9]{1,7}$/, "expected 2-8 lower-case letters/digits, letter first"),
  tags: z
    .object({
      costCenter: z.string().min(1),
      owner: z.string().min(1),
    })
    .catchall(z.string()),
  environments: z.array(environmentSchema).min(1),
  datasets: z.array(datasetSchema).min(1),
  gold: z.array(goldAggregateSchema).default([]),
  access: accessSchema,
  /** Account-wide audit log delivery (AWS: databricks_mws_log_delivery; limited per account). */
  auditLogs: z.strictObject({ enabled: z.boolean() }).default({ enabled: false }),
  /** Models trained on gold (platform/schema/ml.ts); environments opt in with `ml: true`. @default none */
  ml: mlSchema.optional(),
});

/** What a user writes (defaults optional). */
export type PlatformInput = z.input<typeof platformSchema>;
/** The validated model every construct reads (defaults filled in). */
export type Platform = z.output<typeof platformSchema>;
