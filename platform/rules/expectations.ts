import { silverColumns } from "../columns";
import type { Problem } from "../problem";
import type { DatasetSpec, Platform } from "../schema";
import type { SpecRule } from "./rule";

/** Freshness compares the batch's latest ordering value with the clock, so the ordering column must hold a time. */
const TIME_TYPES = new Set(["date", "timestamp"]);

function checkExpectations(ds: DatasetSpec, at: string): Problem[] {
  const problems: Problem[] = [];
  const { volume, freshness } = ds.quality;
  if (volume && volume.minRows === undefined && volume.maxRows === undefined) {
    problems.push({ path: `${at}.quality.volume`, value: volume, message: "needs minRows, maxRows or both" });
  } else if (volume?.minRows !== undefined && volume.maxRows !== undefined && volume.minRows > volume.maxRows) {
    problems.push({ path: `${at}.quality.volume.minRows`, value: volume.minRows, message: `minRows must be <= maxRows (${volume.maxRows})` });
  }
  const ordering = silverColumns(ds).find((c) => c.name === ds.orderingColumn);
  if (freshness && ordering && !TIME_TYPES.has(ordering.type)) {
    problems.push({
      path: `${at}.quality.freshness`,
      value: freshness,
      message: `needs a date or timestamp ordering column; ${ordering.name} is ${ordering.type}: drop freshness or order by a time column`,
    });
  }
  return problems;
}

/** The validation task's batch expectations have bounds it can evaluate. */
export const expectationRules: SpecRule = (p: Platform) => p.datasets.flatMap((ds, i) => checkExpectations(ds, `datasets[${i}]`));
