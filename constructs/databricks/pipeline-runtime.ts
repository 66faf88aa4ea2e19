import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { WorkspaceFile } from "@cdktf/provider-databricks/lib/workspace-file";
import { AssetType, type ITerraformDependable, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { RUNTIME_PACKAGE } from "../../jobs/notebook";
import * as naming from "../../naming";
import { runtimeFolder } from "../../naming/pipeline";

/** The runtime package's source folder in this repository (runtime/src/lakehouse_runtime). */
export const RUNTIME_SOURCE = path.join(__dirname, "..", "..", "runtime", "src", RUNTIME_PACKAGE);

export interface RuntimeBundle {
  /** sha256 over every file's relative path and content, first 16 hex digits. */
  readonly hash: string;
  /** Package files relative to the package folder, sorted. */
  readonly files: ReadonlyArray<string>;
}

/** The package's Python files and their content hash: a plain read of the source, no Python step at synth. */
export function runtimeBundle(dir: string = RUNTIME_SOURCE): RuntimeBundle {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".py") && !f.split(path.sep).includes("__pycache__"))
    .map((f) => f.split(path.sep).join("/"))
    .sort();
  const hash = createHash("sha256");
  for (const f of files) hash.update(`${f}\0`).update(fs.readFileSync(path.join(dir, f))).update("\0");
  return { hash: hash.digest("hex").slice(0, 16), files };
}

export interface PipelineRuntimeProps {
  readonly ref: naming.EnvRef;
  readonly workspaceProvider: DatabricksProvider;
  /** What must exist before the files: the environment's workspace folder. @default nothing */
  readonly dependsOn?: ITerraformDependable[];
  /** The package folder to deploy. @default RUNTIME_SOURCE, this repository's runtime package */
  readonly sourceDir?: string;
}

/**
 * The runtime package as workspace files under a folder named by its content hash
 * (/<prefix>/<env>/runtime/<hash>/lakehouse_runtime/...). Every task gets that folder as its
 * runtime_path parameter and imports the package from it, so a runtime change is a new folder and
 * a changed job in the plan, and a run never mixes two versions.
 */
export class PipelineRuntime extends Construct {
  /** The folder to put on sys.path, as clusters see the workspace (/Workspace/...). */
  readonly importPath: string;
  readonly hash: string;
  /** The deployed files: the job depends on them. */
  readonly files: WorkspaceFile[];

  constructor(scope: Construct, id: string, props: PipelineRuntimeProps) {
    super(scope, id);
    const dir = props.sourceDir ?? RUNTIME_SOURCE;
    const bundle = runtimeBundle(dir);
    const folder = runtimeFolder(props.ref, bundle.hash);
    this.hash = bundle.hash;
    this.importPath = `/Workspace${folder}`;
    this.files = bundle.files.map((file) => {
      const id = file.replace(/\.py$/, "").replace(/[^A-Za-z0-9]/g, "_");
      const asset = new TerraformAsset(this, `${id}_source`, { path: path.join(dir, file), type: AssetType.FILE });
      return new WorkspaceFile(this, id, {
        provider: props.workspaceProvider,
        path: `${folder}/${RUNTIME_PACKAGE}/${file}`,
        source: asset.path,
        dependsOn: props.dependsOn,
      });
    });
  }
}
