import { z } from "zod";

/** Great Expectations in one environment's job (jobs/expectations.ts writes the suites for every environment). */
export const greatExpectationsSchema = z.strictObject({
  /**
   * Adds a task after the silver tasks that validates every silver table with GX against its
   * dataset's suite, appends GX's results to silver.expectation_results and fails (alerting as the
   * quality gate does) when an expectation fails. @default false
   */
  validate: z.boolean().default(false),
});
export type GreatExpectationsSpec = z.output<typeof greatExpectationsSchema>;
