import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planPipeline } from "../../jobs";
import { OVERVIEW_FILE, overviewDiagrams, renderOverview } from "../../overview";
import { synthPlatform } from "../../stacks/app";
import { exampleInput, platform } from "../fixtures/platform";
import { parseMermaid } from "./mermaid";
import { secondPlatform } from "./second-platform";

const example = { name: "example", platform, plan: planPipeline(platform) };
const second = { name: "second platform", platform: secondPlatform, plan: planPipeline(secondPlatform) };
const markdown = (p: typeof example) => renderOverview(p.platform, p.plan);
const mermaidBlocks = (md: string) => [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
const section = (md: string, title: string) => md.split(`\n## ${title}\n`)[1].split("\n## ")[0];

describe("overview", () => {
  it.each([example, second])("$name: every Mermaid diagram parses with the Mermaid parser as a flowchart", (p) => {
    const blocks = mermaidBlocks(markdown(p));
    expect(blocks).toStrictEqual(overviewDiagrams(p.platform, p.plan));
    expect(parseMermaid(blocks)).toStrictEqual([
      { ok: true, type: "flowchart-v2" },
      { ok: true, type: "flowchart-v2" },
      { ok: true, type: "flowchart-v2" },
    ]);
  });

  it("fails if a diagram is broken: the parser rejects one", () => {
    const [result] = parseMermaid(["flowchart LR\n  a[\"x\"] -->"]);
    expect(result.ok).toBe(false);
  });

  it.each([example, second])("$name: the job DAG has every task and every dependency of the plan", (p) => {
    const dag = overviewDiagrams(p.platform, p.plan)[1];
    const edges = [...dag.matchAll(/^ {2}task_(\w+) --> task_(\w+)$/gm)].map((m) => [m[1], m[2]]);
    expect(edges.sort()).toStrictEqual(p.plan.tasks.flatMap((t) => t.dependsOn.map((d) => [d, t.taskKey])).sort());
    expect([...dag.matchAll(/^ {2}task_(\w+)\[/gm)].map((m) => m[1])).toStrictEqual(p.plan.tasks.map((t) => t.taskKey));
  });

  it("example: the trigger picture shows what starts each stack's jobs, the continuous stack's downstream job and each DR pair", () => {
    const starts = overviewDiagrams(platform, example.plan)[0];
    expect(starts.split("\n").slice(1)).toStrictEqual([
      '  start_aws_dev(["aws-dev: file arrival in landing"]) --> job_aws_dev["rtl-dev-pipeline"]',
      '  start_aws_staging(["aws-staging: Airflow DAG (cron)"]) --> job_aws_staging["rtl-staging-pipeline"]',
      '  start_aws_prod(["aws-prod: schedule 0 0 2 * * ?"]) --> job_aws_prod["rtl-prod-pipeline"]',
      '  dr_aws_proddr[("aws-proddr in eu-central-1: jobs paused")]',
      '  job_aws_prod == "S3 replication; DEEP CLONE every 60 min, RPO 90 min" ==> dr_aws_proddr',
      '  start_azure_dev(["azure-dev: continuous"]) --> job_azure_dev["rtl-dev-pipeline"]',
      '  job_azure_dev -. "silver updated" .-> downstream_azure_dev["rtl-dev-downstream"]',
      '  start_azure_staging(["azure-staging: schedule 0 30 3 * * ?"]) --> job_azure_staging["rtl-staging-pipeline"]',
      '  start_azure_prod(["azure-prod: schedule 0 0 2 * * ?"]) --> job_azure_prod["rtl-prod-pipeline"]',
      '  dr_azure_proddr[("azure-proddr in northeurope: jobs paused")]',
      '  job_azure_prod == "GZRS; DEEP CLONE every 60 min, RPO 90 min" ==> dr_azure_proddr',
    ]);
  });

  it("second platform: the data flow names its landing folders, tables and gold inputs", () => {
    const flow = overviewDiagrams(secondPlatform, second.plan)[2];
    expect(flow).toContain('landing_vehicles["landing/fleet/vehicles (json)"]');
    expect(flow).toContain('quarantine_trips["silver.trips_quarantine"]');
    expect(flow).toContain("silver_trips --> gold_km_per_vehicle");
    expect(flow).not.toContain("silver_vehicles --> gold_km_per_vehicle");
  });

  it("second platform: the access matrix shows each principal's level per layer and who sees PII in clear", () => {
    expect(section(markdown(second), "Access").trim()).toBe(
      [
        "| principal | type | landing | bronze | silver | gold | PII in clear |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        "| fleet-analysts | group | - | - | read | read | masked |",
        "| fleet-pipeline | service principal | read | write | write | write | yes |",
      ].join("\n"),
    );
  });

  it("example: only the principals with the PII permission and the job's run-as see PII in clear", () => {
    const rows = section(markdown(example), "Access").split("\n").filter((r) => r.endsWith("| yes |"));
    expect(rows.map((r) => r.split(" | ")[0].slice(2))).toStrictEqual(["platform-admins", "customer-care", "rtl-pipeline"]);
  });

  it("example: the row filter says who sees which rows of which tables", () => {
    expect(section(markdown(example), "Access")).toContain(
      [
        "| dataset | filter column | sees every row | sees only these values |",
        "| --- | --- | --- | --- |",
        "| customers | country | platform-admins, data-engineers, analysts, customer-care, rtl-pipeline | sales-benelux: nl, be |",
        "",
        "Anyone else sees no rows. Applied to `silver.customers`, `silver.customers_quarantine`, `gold.customer_value`.",
      ].join("\n"),
    );
  });

  it("second platform: no row filter, no row-filter table", () => {
    expect(section(markdown(second), "Access")).not.toContain("filter column");
  });

  it("second platform: the environments table shows its warehouse and budgets", () => {
    expect(section(markdown(second), "Environments")).toContain(
      "| azure-prod | azure | northeurope | flt_prod | flt-prod-sql (Small, pro, stops after 20 min) | 250 USD at 50/75/100 % | 1000 (billing currency) | 7 on `0 0 * * * ?` |",
    );
  });

  it("example: the data dictionary lists every column with its type, PII flag, key and rules", () => {
    const customers = section(markdown(example), "Data dictionary").split("### customers\n")[1].split("### ")[0];
    expect(customers).toContain("| customer_id | string | no | - | primary | expect_column_values_to_not_be_null:customer_id | CRM customer id |");
    expect(customers).toContain("| email | string | yes | yes (email_domain) | - | expect_column_values_to_match_regex:email | Login e-mail |");
    expect(customers).toContain("| updated_at | timestamp | no | - | ordering | - | Last change in the source system |");
  });

  it("is written beside the stacks on a successful synth and not at all on a failed one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "overview-test-"));
    const printed = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const outdir = path.join(dir, "cdktf.out");
      synthPlatform(exampleInput(), outdir);
      expect(fs.readFileSync(path.join(outdir, OVERVIEW_FILE), "utf8")).toBe(markdown(example));
      const failed = path.join(dir, "failed.out");
      const bad = exampleInput();
      bad.prefix = "X";
      expect(() => synthPlatform(bad, failed)).toThrow();
      expect(fs.existsSync(failed)).toBe(false);
    } finally {
      printed.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
