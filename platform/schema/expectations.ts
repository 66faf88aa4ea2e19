import { z } from "zod";

/** Great Expectations in one environment's job (jobs/expectations.ts writes the suites for every environment). */
export const greatExpectationsSchema = z.strictObject({
  /**
   * Adds a task after the silver tasks that validates the rows each run wrote to silver with a GX
   * Checkpoint per dataset (results and Data Docs in the silver schema's data_quality volume),
   * appends the results to silver.expectation_results and fails when a `fail`-severity expectation
   * fails; gold waits for it (docs/data-quality.md). @default false
   */
  validate: z.boolean().default(false),
});
export type GreatExpectationsSpec = z.output<typeof greatExpectationsSchema>;
