/**
 * Notebook parameters. Each widget knows its value for an environment; the same definition yields
 * the job's base_parameters and the notebook's widget defaults (the dev environment's values), so
 * the two cannot disagree.
 */
import type { PipelineContext } from "./plan";
import { type Cell, code } from "./notebook";
import { constName, pyStr } from "./python";

export interface Widget {
  readonly name: string;
  /** The value for one environment. */
  value(ctx: PipelineContext): string;
  /** How the notebook reads the text: as is, or as a flag ("true"/"false"). */
  readonly kind?: "text" | "flag";
  /** The default for interactive runs, when the environment's value only makes sense in a job. */
  readonly interactiveDefault?: string;
}

export const catalogWidget: Widget = { name: "catalog", value: (ctx) => ctx.catalog };

/** The job run id, filled in by Databricks when the task starts. */
export const runIdWidget: Widget = { name: "run_id", value: () => "{{job.run_id}}", interactiveDefault: "manual" };

export const onDatabricksWidget: Widget = {
  name: "on_databricks",
  value: (ctx) => String(ctx.onDatabricks),
  kind: "flag",
};

/** The widget values for one environment: a task's base_parameters. */
export const widgetValues = (widgets: ReadonlyArray<Widget>, ctx: PipelineContext): Record<string, string> =>
  Object.fromEntries(widgets.map((w) => [w.name, w.value(ctx)]));

/** The parameters cell: declare each widget with its default, then read it into a constant. */
export const widgetsCell = (widgets: ReadonlyArray<Widget>, defaults: PipelineContext): Cell =>
  code((w) => {
    for (const widget of widgets) {
      w.line(`dbutils.widgets.text(${pyStr(widget.name)}, ${pyStr(widget.interactiveDefault ?? widget.value(defaults))})`);
    }
    for (const widget of widgets) {
      const read = `dbutils.widgets.get(${pyStr(widget.name)})`;
      w.line(`${constName(widget.name)} = ${widget.kind === "flag" ? `${read} == "true"` : read}`);
    }
  });
