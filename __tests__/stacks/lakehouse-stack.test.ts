import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { buildApp, synthPlatform } from "../../stacks/app";
import { exampleInput, platform } from "../fixtures/platform";

type Synth = { resource: Record<string, Record<string, Record<string, unknown>>>; output: Record<string, unknown>; data?: Record<string, Record<string, Record<string, unknown>>> };

const notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-test-notebooks-"));
const stacks = buildApp(platform, Testing.app(), notebookDir);
const synthesized = new Map(stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s)) as Synth]));
afterAll(() => fs.rmSync(notebookDir, { recursive: true, force: true }));

describe("LakehouseStack", () => {
  it("builds one stack per cloud and environment", () => {
    expect([...synthesized.keys()]).toStrictEqual(["aws-dev", "aws-staging", "aws-prod", "aws-proddr", "azure-dev", "azure-staging", "azure-prod", "azure-proddr"]);
  });

  it.each([...synthesized.keys()])("%s outputs the workspace URL, catalog, job and every layer's storage", (id) => {
    expect(Object.keys(synthesized.get(id)!.output).sort()).toStrictEqual(
      ["catalog_name", "job_id", "storage_bronze", "storage_gold", "storage_landing", "storage_silver", "workspace_url"],
    );
  });

  it.each([...synthesized.keys()])("%s names a provider on every Databricks resource and data source", (id) => {
    const s = synthesized.get(id)!;
    const blocks = [...Object.entries(s.resource), ...Object.entries(s.data ?? {})].filter(([type]) => type.startsWith("databricks_"));
    const unnamed = blocks.flatMap(([type, items]) => Object.entries(items).filter(([, body]) => !body.provider).map(([name]) => `${type}.${name}`));
    expect(unnamed).toStrictEqual([]);
  });

  it.each([...synthesized.keys()])("%s has its warehouse, alerts (the expectation warning where it validates), dashboard, budgets on both levels and, in dev and a DR secondary (first on their metastores), the system schemas", (id) => {
    const s = synthesized.get(id)!;
    const count = (type: string) => Object.keys(s.resource[type] ?? {}).length;
    const cloudBudget = id.startsWith("aws") ? "aws_budgets_budget" : "azurerm_consumption_budget_resource_group";
    expect(
      ["databricks_sql_endpoint", "databricks_query", "databricks_alert", "databricks_dashboard", "databricks_budget", cloudBudget, "databricks_system_schema"].map(count),
    ).toStrictEqual([1, id.endsWith("-dev") ? 7 : 8, id.endsWith("-dev") ? 7 : 8, 1, 1, 1, id.endsWith("-dev") || id.endsWith("dr") ? 2 : 0]);
  });

  it.each([...synthesized.keys()])("%s runs governance and maintenance after the silver and gold tasks whatever their outcome (run_if ALL_DONE)", (id) => {
    // In a continuous environment (azure-dev) they run in the downstream job.
    const jobs = Object.entries(synthesized.get(id)!.resource.databricks_job);
    const [job] = (jobs.some(([name]) => name.includes("downstream_job")) ? jobs.filter(([name]) => name.includes("downstream_job")) : jobs.filter(([name]) => name.includes("pipeline_job"))).map(([, j]) => j);
    const tasks = job.task as Array<{ task_key: string; run_if?: string; depends_on?: Array<{ task_key: string }> }>;
    expect(tasks.filter((t) => t.run_if !== undefined).map((t) => [t.task_key, t.run_if])).toStrictEqual([
      ["governance", "ALL_DONE"],
      ["maintenance", "ALL_DONE"],
    ]);
    expect(tasks.find((t) => t.task_key === "governance_setup")?.depends_on).toBeUndefined();
  });

  // One stack per cloud, the one with the most resources (CMKs, private link): every behaviour has its
  // own assertion; the snapshot only trips on what nothing asserts.
  it.each(["aws-prod", "azure-prod"])("%s matches its snapshot (a tripwire beside the assertions)", (id) => {
    expect(synthesized.get(id)).toMatchSnapshot();
  });
});

describe("the data quality volume", () => {
  it.each([...synthesized.keys()])("%s has it, in silver, granted and passed to the validation task, exactly where the environment validates, and gold waits for that task", (id) => {
    const s = synthesized.get(id)!;
    const volumes = Object.entries(s.resource.databricks_volume ?? {});
    // A continuous environment's gold tasks are in its downstream job: the pipeline's tasks are both jobs' tasks.
    const jobs = Object.entries(s.resource.databricks_job).filter(([name]) => name.includes("pipeline_job") || name.includes("downstream_job"));
    const tasks = jobs.flatMap(([, j]) => j.task) as Array<{ task_key: string; depends_on?: Array<{ task_key: string }>; notebook_task?: { base_parameters: Record<string, string> } }>;
    const validation = tasks.find((t) => t.task_key === "validate_expectations");
    const goldWaits = tasks.filter((t) => t.task_key.startsWith("gold_")).map((t) => (t.depends_on ?? []).some((d) => d.task_key === "validate_expectations"));
    if (id.endsWith("-dev")) {
      expect([volumes, validation, [...new Set(goldWaits)]]).toStrictEqual([[], undefined, [false]]);
      return;
    }
    const [[name, volume]] = volumes;
    expect(volume).toMatchObject({ name: "data_quality", volume_type: "MANAGED", schema_name: expect.stringMatching(/^\$\{databricks_schema\.databricks_catalog_silver_/) });
    const grants = Object.values(s.resource.databricks_grants).filter((g) => g.volume === `\${databricks_volume.${name}.id}`);
    expect(grants.map((g) => g.grant)).toStrictEqual([
      [
        { principal: "11111111-2222-3333-4444-555555555555", privileges: ["READ_VOLUME", "WRITE_VOLUME"] },
        { principal: "customer-care", privileges: ["READ_VOLUME"] },
        { principal: "data-engineers", privileges: ["READ_VOLUME"] },
        { principal: "platform-admins", privileges: ["READ_VOLUME"] },
      ],
    ]);
    expect(validation?.notebook_task?.base_parameters.data_quality_path).toBe(`\${databricks_volume.${name}.volume_path}`);
    // Staging builds gold with dbt: its one task waits for the validation as the gold notebooks do elsewhere.
    const dbt = tasks.find((t) => t.task_key === "dbt_gold");
    expect(dbt ? (dbt.depends_on ?? []).some((d) => d.task_key === "validate_expectations") : [...new Set(goldWaits)]).toStrictEqual(dbt ? true : [true]);
  });
});

describe("synthPlatform", () => {
  it("writes every stack and each stack's notebooks as files into the output folder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-test-"));
    const outdir = path.join(dir, "cdktf.out");
    const printed = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      synthPlatform(exampleInput(), outdir);
      expect(printed).toHaveBeenCalledWith(expect.stringMatching(/^guardrails: 0 finding\(s\), \d+ suppressed$/));
      expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toStrictEqual(
        ["aws-dev", "aws-prod", "aws-proddr", "aws-staging", "azure-dev", "azure-prod", "azure-proddr", "azure-staging"],
      );
      const stackDir = path.join(outdir, "stacks", "aws-dev");
      const notebooks = JSON.parse(fs.readFileSync(path.join(stackDir, "cdk.tf.json"), "utf8")).resource.databricks_notebook as Record<string, { source: string }>;
      for (const nb of Object.values(notebooks)) {
        expect(fs.readFileSync(path.join(stackDir, nb.source), "utf8")).toMatch(/^# Databricks notebook source\n/);
      }
      const guardrails = JSON.parse(fs.readFileSync(path.join(outdir, "guardrails-summary.json"), "utf8"));
      expect(guardrails.findings).toStrictEqual([]);
      expect(guardrails.suppressed.length).toBeGreaterThan(0);
      expect(fs.readdirSync(dir)).toStrictEqual(["cdktf.out"]); // the scratch folder is gone
    } finally {
      printed.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
