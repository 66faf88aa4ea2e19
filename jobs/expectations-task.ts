/**
 * The Great Expectations validation task (environments[].greatExpectations.validate): every silver
 * table against its dataset's suite, through lakehouse_runtime.expectations.run, with GX installed
 * on the task's cluster as a task library.
 */
import * as naming from "../naming";
import { EXPECTATION_RESULTS_TABLE } from "../naming/pipeline";
import type { Platform } from "../platform";
import { GX_VERSION, suiteFileName } from "./expectations";
import { taskNotebook } from "./notebook";
import { catalogWidget, runIdWidget, runtimePathWidget, type Widget } from "./widgets";

/**
 * A job task's PyPI library is installed on its cluster before the task starts
 * (https://learn.microsoft.com/en-gb/azure/databricks/dev-tools/bundles/library-dependencies).
 */
export const GX_PACKAGE = `great-expectations==${GX_VERSION}`;

/** The deployed suites' folder; empty where the environment deploys none, and the task then fails naming it. */
const expectationsPathWidget: Widget = { name: "expectations_path", value: (ctx) => ctx.expectationsPath ?? "" };

export const expectationsWidgets = (): Widget[] => [runtimePathWidget, catalogWidget, runIdWidget, expectationsPathWidget];

export function expectationsNotebook(platform: Platform): string {
  return taskNotebook(
    [
      "# Great Expectations",
      "",
      "Validates every silver table with Great Expectations against its dataset's suite (generated from the",
      "same rules silver enforces), appends GX's results to the expectation results table, and fails when an",
      "expectation fails, so the job alerts as it does for the quality gate.",
    ],
    "expectations",
    {
      results_table: `${naming.schemaName("silver")}.${EXPECTATION_RESULTS_TABLE}`,
      targets: platform.datasets.map((ds) => ({
        dataset: ds.name,
        table: `${naming.schemaName("silver")}.${naming.silverTable(ds)}`,
        suite_file: suiteFileName(ds),
      })),
    },
  );
}

/** Whether any environment runs the task: only then does the plan hold it. */
export const validatesExpectations = (platform: Platform): boolean => platform.environments.some((e) => e.greatExpectations.validate);
