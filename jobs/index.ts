/**
 * planPipeline: the spec's datasets and aggregates as job tasks. Per dataset a bronze and a silver
 * task, per aggregate a gold task after the silver tasks it reads, a governance task after them when
 * the spec has PII columns or row filters, and one maintenance task last.
 * A new kind of task is one more entry in the list: key, layer, edges, widgets and its notebook.
 */
import * as naming from "../naming";
import { GOVERNANCE_NOTEBOOK, GOVERNANCE_TASK_KEY } from "../naming/governance";
import type { Platform, TableLayer } from "../platform";
import { EXPECTATIONS_NOTEBOOK, EXPECTATIONS_TASK_KEY } from "../naming/pipeline";
import { bronzeNotebook, bronzeWidgets } from "./bronze";
import { expectationsNotebook, expectationsWidgets, GX_PACKAGE, validatesExpectations } from "./expectations-task";
import { goldNotebook, goldWidgets } from "./gold";
import { goldInputs } from "./gold-query";
import { governanceNotebook, governanceWidgets, hasGovernance } from "./governance";
import { maintenanceNotebook, maintenanceWidgets } from "./maintenance";
import type { PipelinePlan, PipelineTask } from "./plan";
import { silverNotebook, silverWidgets } from "./silver";
import { type Widget, widgetValues } from "./widgets";

export type { PipelineContext, PipelinePlan, PipelineTask } from "./plan";

interface TaskSpec {
  readonly taskKey: string;
  readonly layer: TableLayer | "maintenance" | "governance" | "validation";
  readonly name: string;
  readonly dependsOn: ReadonlyArray<string>;
  readonly widgets: ReadonlyArray<Widget>;
  /** The notebook's source (jobs/notebook.ts taskNotebook). */
  readonly source: () => string;
  readonly pypiPackages?: ReadonlyArray<string>;
}

function task(spec: TaskSpec): PipelineTask {
  const notebookName = naming.notebookName(spec.layer, spec.name);
  return {
    taskKey: spec.taskKey,
    layer: spec.layer,
    dependsOn: [...spec.dependsOn].sort(),
    fileName: `${notebookName}.py`,
    notebookName,
    source: spec.source(),
    parameters: (ctx) => widgetValues(spec.widgets, ctx),
    ...(spec.pypiPackages ? { pypiPackages: spec.pypiPackages } : {}),
  };
}

/**
 * Governance runs as a task after every silver and gold task, not as a setup job at deploy: the
 * tables it governs exist only once the pipeline has created them, and gold is replaced on rebuild,
 * so each run re-applies the (idempotent) tags, masks and filters as the tables' owner.
 */
const governanceTask = (platform: Platform, specs: ReadonlyArray<TaskSpec>): TaskSpec => ({
  taskKey: GOVERNANCE_TASK_KEY,
  layer: "governance",
  name: GOVERNANCE_NOTEBOOK,
  dependsOn: specs.filter((s) => s.layer === "silver" || s.layer === "gold").map((s) => s.taskKey),
  widgets: governanceWidgets(),
  source: () => governanceNotebook(platform),
});

export function planPipeline(platform: Platform): PipelinePlan {
  const specs: TaskSpec[] = [
    ...platform.datasets.flatMap((ds): TaskSpec[] => [
      { taskKey: naming.bronzeTaskKey(ds), layer: "bronze", name: ds.name, dependsOn: [], widgets: bronzeWidgets(ds), source: () => bronzeNotebook(ds) },
      {
        taskKey: naming.silverTaskKey(ds),
        layer: "silver",
        name: ds.name,
        dependsOn: [naming.bronzeTaskKey(ds)],
        widgets: silverWidgets(),
        source: () => silverNotebook(ds),
      },
    ]),
    ...platform.gold.map(
      (g): TaskSpec => ({
        taskKey: naming.goldTaskKey(g),
        layer: "gold",
        name: g.name,
        dependsOn: [...new Set(goldInputs(g))].map((name) => naming.silverTaskKey({ name })),
        widgets: goldWidgets(),
        source: () => goldNotebook(g, platform),
      }),
    ),
  ];
  if (hasGovernance(platform)) specs.push(governanceTask(platform, specs));
  const maintenance: TaskSpec = {
    taskKey: naming.MAINTENANCE_TASK_KEY,
    layer: "maintenance",
    name: "tables",
    dependsOn: specs.filter((s) => s.layer !== "bronze").map((s) => s.taskKey),
    widgets: maintenanceWidgets(),
    source: () => maintenanceNotebook(platform),
  };
  // Only in environments that ask for it (the job construct filters it), so nothing waits for it.
  const validation: TaskSpec[] = validatesExpectations(platform)
    ? [
        {
          taskKey: EXPECTATIONS_TASK_KEY,
          layer: "validation",
          name: EXPECTATIONS_NOTEBOOK,
          dependsOn: specs.filter((s) => s.layer === "silver").map((s) => s.taskKey),
          widgets: expectationsWidgets(),
          source: () => expectationsNotebook(platform),
          pypiPackages: [GX_PACKAGE],
        },
      ]
    : [];
  const tasks = [...specs, maintenance, ...validation].map(task);
  return { tasks: tasks.sort((a, b) => (a.taskKey < b.taskKey ? -1 : a.taskKey > b.taskKey ? 1 : 0)) };
}
