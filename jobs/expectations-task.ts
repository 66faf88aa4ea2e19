/**
 * The Great Expectations validation task (environments[].greatExpectations.validate): the rows the
 * run wrote to every silver table against its dataset's suite, through lakehouse_runtime.expectations.run,
 * with GX installed on the task's cluster as a task library. Gold waits for it.
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

/** GX's project folder (the data quality volume); empty where the environment has none, and the task then fails naming it. */
const dataQualityPathWidget: Widget = { name: "data_quality_path", value: (ctx) => ctx.dataQualityPath ?? "" };

export const expectationsWidgets = (): Widget[] => [runtimePathWidget, catalogWidget, runIdWidget, expectationsPathWidget, dataQualityPathWidget];

export function expectationsNotebook(platform: Platform): string {
  return taskNotebook(
    [
      "# Great Expectations",
      "",
      "Validates the rows this run wrote to each silver table with a Great Expectations Checkpoint per dataset",
      "(its suite generated from the rules silver enforces, with the batch's schema, volume and freshness), which",
      "stores the result and updates Data Docs in the data quality volume; appends the results to the expectation",
      "results table, and fails when a `fail`-severity expectation fails, so gold does not run and the job alerts.",
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
