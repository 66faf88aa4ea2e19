import { z } from "zod";
import { DEFAULT_SPARK_VERSION } from "../engine";

/** Spot policy for job clusters. Workers go spot; the driver stays on-demand via firstOnDemand. */
export const spotSchema = z.strictObject({
  /**
   * Use spot/low-priority capacity for workers.
   * @default true (with fallbackToOnDemand and the driver on-demand, a reclaimed node costs time, not the run)
   */
  enabled: z.boolean().default(true),
  /** Fall back to on-demand when spot capacity is gone, instead of failing the run. */
  fallbackToOnDemand: z.boolean().default(true),
  /** How many of the first nodes (the driver first) are on-demand. */
  firstOnDemand: z.number().int().min(0).max(100).default(1),
  /** AWS only: max spot price as a percentage of the on-demand price. */
  bidPricePercent: z.number().int().min(1).max(10000).default(100),
});

export const instancePoolSchema = z.strictObject({
  /** Idle instances kept warm so job clusters start fast. */
  minIdleInstances: z.number().int().min(0).max(1000),
  /** Hard cap on the pool's instances. */
  maxCapacity: z.number().int().min(1).max(10000),
  /** Minutes before an idle instance above minIdleInstances is released. */
  idleInstanceAutoterminationMinutes: z.number().int().min(1).max(10000).default(15),
});

/** Runtime versions must be pinned ids, e.g. "17.3.x-scala2.13": `latest` would drift under us. Which runtimes are accepted is a rule (rules/engine.ts). */
export const SPARK_VERSION = /^\d+\.\d+\.x-(?:photon-)?scala2\.1[23]$/;

export const computeSchema = z.strictObject({
  /** Worker node type, cloud-specific (i3.xlarge, Standard_DS3_v2, ...). */
  nodeType: z.string().min(1),
  /** Driver node type; the worker type when omitted. */
  driverNodeType: z.string().min(1).optional(),
  /** Node types the cluster policy allows; [nodeType, driverNodeType] when omitted. */
  allowedNodeTypes: z.array(z.string().min(1)).min(1).optional(),
  minWorkers: z.number().int().min(1).max(1000),
  maxWorkers: z.number().int().min(1).max(1000),
  /** Fixed in the cluster policy: clusters cannot outlive this idle time. */
  autoTerminationMinutes: z.number().int().min(10).max(10000).default(30),
  /** Pinned LTS Databricks Runtime whose Spark is the local engine's (platform/engine.ts). */
  sparkVersion: z.string().regex(SPARK_VERSION, `expected a pinned runtime such as "${DEFAULT_SPARK_VERSION}"`).default(DEFAULT_SPARK_VERSION),
  /**
   * Unity Catalog access mode of the job clusters. `standard` enforces column masks and row filters
   * natively, so the job can create, MERGE into, append to and replace governed tables; `dedicated`
   * (single identity) cannot replace them on any runtime, so a guardrail fails synth when the spec
   * has masks or row filters and asks for it.
   * @default "standard"
   */
  accessMode: z.enum(["standard", "dedicated"]).default("standard"),
  /**
   * Spot workers, the driver on-demand, on-demand when spot capacity is gone.
   * @default { enabled: true, fallbackToOnDemand: true, firstOnDemand: 1, bidPricePercent: 100 }
   */
  spot: spotSchema.prefault({}),
  /** An instance pool per environment; no pool when omitted. */
  instancePool: instancePoolSchema.optional(),
});
export type ComputeSpec = z.output<typeof computeSchema>;
