/**
 * planPipeline: the spec's datasets and aggregates as job tasks. Per dataset a bronze and a silver
 * task, per aggregate a gold task after the silver tasks it reads; when the spec has PII columns or
 * row filters, a governance setup task before every task creating a governed table and a governance
 * task after all silver and gold tasks; one maintenance task last, whatever their outcome; a
 * training task per model after the gold task of its table, and a scoring task after each training task.
 * A new kind of task is one more entry in the list: key, layer, edges, widgets and its notebook.
 */
import * as naming from "../naming";
import { GOVERNANCE_NOTEBOOK, GOVERNANCE_SETUP_NOTEBOOK, GOVERNANCE_SETUP_TASK_KEY, GOVERNANCE_TASK_KEY } from "../naming/governance";
import type { Platform, TableLayer } from "../platform";
import { scoringTaskKey, trainingTaskKey } from "../naming/ml";
import { EXPECTATIONS_NOTEBOOK, EXPECTATIONS_TASK_KEY } from "../naming/pipeline";
import { bronzeNotebook, bronzeWidgets } from "./bronze";
import { expectationsNotebook, expectationsWidgets, GX_PACKAGE, validatesExpectations } from "./expectations-task";
import { goldNotebook, goldWidgets } from "./gold";
import { goldInputs } from "./gold-query";
import { governanceNotebook, governanceSetupNotebook, governanceWidgets, hasGovernance } from "./governance";
import { governancePlan, isGoverned, tableGovernance } from "./governance-sql";
import { maintenanceNotebook, maintenanceWidgets } from "./maintenance";
import type { PipelinePlan, PipelineTask } from "./plan";
import { scoringNotebook, scoringWidgets } from "./scoring";
import { silverNotebook, silverWidgets } from "./silver";
import { trainedModels, TRAINING_PACKAGES, trainingNotebook, trainingWidgets } from "./training";
import { type Widget, widgetValues } from "./widgets";

export type { PipelineContext, PipelinePlan, PipelineTask } from "./plan";

interface TaskSpec {
  readonly taskKey: string;
  readonly layer: TableLayer | "maintenance" | "governance" | "validation" | "training" | "scoring";
  readonly name: string;
  readonly dependsOn: ReadonlyArray<string>;
  readonly runIf?: "ALL_DONE";
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
    ...(spec.runIf ? { runIf: spec.runIf } : {}),
    fileName: `${notebookName}.py`,
    notebookName,
    source: spec.source(),
    parameters: (ctx) => widgetValues(spec.widgets, ctx),
    ...(spec.pypiPackages ? { pypiPackages: spec.pypiPackages } : {}),
  };
}

/**
 * The functions are created by a task of the job, not at deploy (Terraform cannot create Unity
 * Catalog functions), and by one task before the others rather than by each task that needs them:
 * silver tasks run in parallel and would replace the same functions concurrently, and a function
 * changed in the spec (a new PII reader) is in place before any table is written.
 */
const governanceSetupTask = (platform: Platform): TaskSpec => ({
  taskKey: GOVERNANCE_SETUP_TASK_KEY,
  layer: "governance",
  name: GOVERNANCE_SETUP_NOTEBOOK,
  dependsOn: [],
  widgets: governanceWidgets(),
  source: () => governanceSetupNotebook(platform),
});

/**
 * The governance task runs after every silver and gold task, and also when one of them failed
 * (ALL_DONE): the tables the others created still get their tags, and the masks and filters the
 * spec dropped are dropped. It runs as the tables' owner, the job's run-as principal.
 */
const governanceTask = (platform: Platform, specs: ReadonlyArray<TaskSpec>): TaskSpec => ({
  taskKey: GOVERNANCE_TASK_KEY,
  layer: "governance",
  name: GOVERNANCE_NOTEBOOK,
  dependsOn: specs.filter((s) => s.layer === "silver" || s.layer === "gold").map((s) => s.taskKey),
  runIf: "ALL_DONE",
  widgets: governanceWidgets(),
  source: () => governanceNotebook(platform),
});

/** The tasks creating a table with a mask or a row filter wait for the functions. */
function afterSetup(platform: Platform, specs: TaskSpec[]): TaskSpec[] {
  const plan = governancePlan(platform);
  const governed = (layer: TableLayer, table: string) => isGoverned(tableGovernance(plan, layer, table));
  const creates = new Set([
    ...platform.datasets.filter((ds) => governed("silver", naming.silverTable(ds)) || governed("silver", naming.quarantineTable(ds))).map(naming.silverTaskKey),
    ...platform.gold.filter((g) => governed("gold", naming.goldTable(g))).map(naming.goldTaskKey),
  ]);
  return specs.map((s) => (creates.has(s.taskKey) ? { ...s, dependsOn: [...s.dependsOn, GOVERNANCE_SETUP_TASK_KEY] } : s));
}

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
        source: () => silverNotebook(ds, platform),
      },
    ]),
    ...platform.gold.map(
      (g): TaskSpec => ({
        taskKey: naming.goldTaskKey(g),
        layer: "gold",
        name: g.name,
        // Gold waits for the validation of the silver batches where an environment validates
        // (environmentPlan drops the edge elsewhere): a failed `fail` expectation stops it.
        dependsOn: [...[...new Set(goldInputs(g))].map((name) => naming.silverTaskKey({ name })), ...(validatesExpectations(platform) ? [EXPECTATIONS_TASK_KEY] : [])],
        widgets: goldWidgets(),
        source: () => goldNotebook(g, platform),
      }),
    ),
  ];
  const governed = hasGovernance(platform) ? [...afterSetup(platform, specs), governanceSetupTask(platform), governanceTask(platform, specs)] : specs;
  // After every task writing a table, and also when one failed (ALL_DONE,
  // https://docs.databricks.com/aws/en/jobs/run-if): a batch held by the quality gate fails its silver
  // task, and must not stop the maintenance of every table. Maintenance still fails on its own errors.
  const maintenance: TaskSpec = {
    taskKey: naming.MAINTENANCE_TASK_KEY,
    layer: "maintenance",
    name: "tables",
    dependsOn: governed.filter((s) => s.layer !== "bronze").map((s) => s.taskKey),
    runIf: "ALL_DONE",
    widgets: maintenanceWidgets(),
    source: () => maintenanceNotebook(platform),
  };
  // Only in environments that ask for it (environmentPlan drops it, and gold's edge to it, elsewhere).
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
  // One per model, after the gold task of its table; only in environments with `ml: true` (the job
  // construct filters it), so only its scoring task waits for it. It writes no table: maintenance and
  // governance have nothing of its to wait for.
  const training = trainedModels(platform).map(
    (m): TaskSpec => ({
      taskKey: trainingTaskKey(m),
      layer: "training",
      name: m.name,
      dependsOn: [naming.goldTaskKey({ name: m.gold })],
      widgets: trainingWidgets(),
      source: () => trainingNotebook(m),
      pypiPackages: TRAINING_PACKAGES,
    }),
  );
  // Batch inference with the version the training task left under the alias (promoted or kept), so after it; the
  // same libraries, since the model runs in the task's Python (spark_udf with env_manager="local"). Its table
  // carries only its gold table's masks and filter, so the governance setup that gold task waits for came first.
  const scoring = trainedModels(platform).map(
    (m): TaskSpec => ({
      taskKey: scoringTaskKey(m),
      layer: "scoring",
      name: m.name,
      dependsOn: [trainingTaskKey(m)],
      widgets: scoringWidgets(),
      source: () => scoringNotebook(m, platform),
      pypiPackages: TRAINING_PACKAGES,
    }),
  );
  const tasks = [...governed, maintenance, ...validation, ...training, ...scoring].map(task);
  return { tasks: tasks.sort((a, b) => (a.taskKey < b.taskKey ? -1 : a.taskKey > b.taskKey ? 1 : 0)) };
}
