/**
 * Notebook parameters. Each widget knows its value for an environment; the job passes every one as
 * a task's base_parameters. Notebooks hold no defaults: the runtime declares each parameter empty
 * and fails at once, naming every one that is missing, so a notebook run by hand never falls back
 * to some environment's values.
 */
import type { PipelineContext } from "./plan";

export interface Widget {
  readonly name: string;
  /** The value for one environment. */
  value(ctx: PipelineContext): string;
}

/** The workspace folder holding the runtime package, content-hashed: notebooks import it from there. */
export const runtimePathWidget: Widget = { name: "runtime_path", value: (ctx) => ctx.runtimePath };

export const catalogWidget: Widget = { name: "catalog", value: (ctx) => ctx.catalog };

/** The job run id, filled in by Databricks when the task starts. */
export const runIdWidget: Widget = { name: "run_id", value: () => "{{job.run_id}}" };

export const onDatabricksWidget: Widget = { name: "on_databricks", value: (ctx) => String(ctx.onDatabricks) };

/** The widget values for one environment: a task's base_parameters. */
export const widgetValues = (widgets: ReadonlyArray<Widget>, ctx: PipelineContext): Record<string, string> =>
  Object.fromEntries(widgets.map((w) => [w.name, w.value(ctx)]));
