/** The second example platform (examples/logistics.ts) validates and synthesizes, read back from the synth output. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { platform } from "../../examples/logistics";
import { qualityRuleSchema, transformationSchema } from "../../platform/schema/dataset";
import { synthPlatform } from "../../stacks/app";

type Task = { task_key: string; depends_on?: Array<{ task_key: string }>; notebook_task: { notebook_path: string } };
type Stack = { resource: Record<string, Record<string, Record<string, unknown>>> };

let dir: string;
let stacks: Map<string, Stack>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "logistics-"));
  const printed = jest.spyOn(console, "log").mockImplementation(() => undefined); // the guardrail summary
  synthPlatform(platform, path.join(dir, "cdktf.out"));
  printed.mockRestore();
  const root = path.join(dir, "cdktf.out", "stacks");
  stacks = new Map(fs.readdirSync(root).map((s) => [s, JSON.parse(fs.readFileSync(path.join(root, s, "cdk.tf.json"), "utf8")) as Stack]));
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The pipeline job (beside it the monitoring job evaluates the alerts). */
const job = (stack: string) =>
  Object.values(stacks.get(stack)?.resource.databricks_job ?? {}).find((j) => (j as { name: string }).name.endsWith("-pipeline")) as { name: string; task: Task[] };
const notebookSource = (stack: string, taskKey: string) => {
  const task = job(stack).task.find((t) => t.task_key === taskKey) as Task;
  const id = /databricks_notebook\.([^.]+)\.path/.exec(task.notebook_task.notebook_path)?.[1] as string;
  const notebook = stacks.get(stack)?.resource.databricks_notebook[id] as { source: string };
  return fs.readFileSync(path.join(dir, "cdktf.out", "stacks", stack, notebook.source), "utf8");
};

describe("the logistics example", () => {
  it("is one cloud, two environments: one stack each", () => {
    expect([...stacks.keys()].sort()).toStrictEqual(["aws-dev", "aws-prod"]);
    expect(stacks.get("aws-prod")?.resource.azurerm_resource_group).toBeUndefined();
  });

  it("uses a composite key, every quality-rule kind and every transformation kind the schema has", () => {
    expect(platform.datasets.find((d) => d.name === "deliveries")?.primaryKey).toStrictEqual(["shipment_id", "stop_no"]);
    const ruleKinds = qualityRuleSchema.options.map((o) => o.shape.expect.value);
    const used = new Set(platform.datasets.flatMap((d) => (d.quality?.rules ?? []).map((r) => r.expect)));
    expect([...used].sort()).toStrictEqual([...ruleKinds].sort());
    const kinds = transformationSchema.options.map((o) => o.shape.kind.value);
    const usedKinds = new Set(platform.datasets.flatMap((d) => (d.transformations ?? []).map((t) => t.kind)));
    expect([...usedKinds].sort()).toStrictEqual([...kinds].sort());
  });

  it("builds the job's tasks and DAG edges", () => {
    const { name, task } = job("aws-dev");
    expect(name).toBe("lgx-dev-pipeline");
    const edges = Object.fromEntries(task.map((t) => [t.task_key, (t.depends_on ?? []).map((d) => d.task_key).sort()]));
    const silver = ["silver_carriers", "silver_deliveries", "silver_depots"];
    expect(edges).toStrictEqual({
      bronze_carriers: [],
      bronze_deliveries: [],
      bronze_depots: [],
      silver_carriers: ["bronze_carriers", "governance_setup"],
      silver_deliveries: ["bronze_deliveries"],
      silver_depots: ["bronze_depots"],
      gold_delivered_volume: silver,
      governance_setup: [],
      governance: ["gold_delivered_volume", ...silver],
      maintenance: ["gold_delivered_volume", "governance", "governance_setup", ...silver],
    });
    expect(job("aws-prod").name).toBe("lgx-prod-pipeline");
  });

  it("joins three silver tables in the gold aggregate", () => {
    const source = notebookSource("aws-dev", "gold_delivered_volume");
    expect(source).toContain('"deliveries": "silver.deliveries"');
    expect(source).toContain('"carriers": "silver.carriers"');
    expect(source).toContain('"depots": "silver.depots"');
    expect(source).toContain('"FROM IDENTIFIER(:deliveries) AS `deliveries`"');
    expect(source).toContain('"INNER JOIN IDENTIFIER(:carriers) AS `carriers`"');
    expect(source).toContain('"LEFT JOIN IDENTIFIER(:depots) AS `depots`"');
    expect(source).toContain('"    ON `deliveries`.`depot_id` = `depots`.`depot_id`"');
  });

  it("merges the composite key on both columns in silver", () => {
    const source = notebookSource("aws-dev", "silver_deliveries");
    expect(source).toMatch(/"primary_key": \[\s*"shipment_id",\s*"stop_no",?\s*\]/);
  });
});
