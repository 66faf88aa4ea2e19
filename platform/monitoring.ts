/** Defaults of the monitoring fields that depend on other fields of the spec. */
import type { DatasetSpec } from "./schema";

/** A dataset's warning threshold: the spec's, else half of the share at which silver fails. */
export const warnFailedFraction = (ds: Pick<DatasetSpec, "monitoring" | "quality">): number =>
  ds.monitoring.warnFailedFraction ?? ds.quality.maxFailedFraction / 2;
