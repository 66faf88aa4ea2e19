import type { PipelineContext } from "../../jobs/plan";

/** A dev environment's task context, with the ML tracking values when given: the ML tasks' parameters are read from it. */
export const mlContext = (ml?: PipelineContext["ml"]): PipelineContext => ({
  catalog: "rtl_dev",
  layerUrls: { landing: "s3://l", bronze: "s3://b", silver: "s3://s", gold: "s3://g" },
  onDatabricks: true,
  retentionDays: { landing: 30, bronze: 30, silver: 30, gold: 30 },
  runtimePath: "/Workspace/rtl/dev/runtime/abc",
  ...(ml ? { ml } : {}),
});
