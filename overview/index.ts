/**
 * The platform overview written beside the stacks on every synth (cdktf.out/overview.md): a
 * reviewer's picture of one spec — environments, the job DAG, each dataset's way through the
 * layers, who may read what, and the data dictionary. Plain string building: no heavy imports.
 */
import type { PipelinePlan } from "../jobs/plan";
import type { Platform } from "../platform";
import { taskNeeds, whoCanDoWhat } from "./access";
import { dataFlow, jobDag, triggers } from "./diagrams";
import { fence } from "./mermaid";
import { models, orchestration } from "./orchestration";
import { accessMatrix, alerts, dictionary, environments, rowFilters } from "./tables";

/** File name of the overview inside the synth output. */
export const OVERVIEW_FILE = "overview.md";

/** The Mermaid diagrams of the overview, in the order it shows them (the tests parse each). */
export const overviewDiagrams = (platform: Platform, plan: PipelinePlan): string[] => [triggers(platform), jobDag(plan), dataFlow(platform)];

export function renderOverview(platform: Platform, plan: PipelinePlan): string {
  const [starts, dag, flow] = overviewDiagrams(platform, plan);
  return [
    `# ${platform.name} (\`${platform.prefix}\`)`,
    "",
    `${platform.environments.length} environments, ${platform.datasets.length} datasets, ${platform.gold.length} gold aggregates, ` +
      `${platform.access.principals.length} principals. Generated from the spec by \`npm run synth\`.`,
    "",
    "## Environments",
    "",
    environments(platform),
    "",
    alerts(platform),
    "",
    "## Orchestration",
    "",
    orchestration(platform),
    "",
    fence(starts),
    "",
    ...(models(platform) ? ["## Models", "", models(platform), ""] : []),
    "## Job DAG",
    "",
    fence(dag),
    "",
    "## Data flow",
    "",
    fence(flow),
    "",
    "## Access",
    "",
    accessMatrix(platform),
    "",
    ...(rowFilters(platform) ? [rowFilters(platform), ""] : []),
    "## Who can do what",
    "",
    "Unity Catalog privileges and workspace permissions, per environment (each with its own catalog, locations, job and folder), as the stacks grant them; the deployer owns what it creates, workspace admins manage every folder. See docs/security-and-governance.md.",
    "",
    whoCanDoWhat(platform),
    "",
    taskNeeds(platform, plan),
    "",
    "## Data dictionary",
    "",
    platform.datasets.map(dictionary).join("\n\n"),
    "",
  ].join("\n");
}
