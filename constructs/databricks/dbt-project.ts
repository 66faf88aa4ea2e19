import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { WorkspaceFile } from "@cdktf/provider-databricks/lib/workspace-file";
import { AssetType, type ITerraformDependable, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import type { DbtFile } from "../../jobs/dbt-project";
import type * as naming from "../../naming";
import { dbtProjectFolder } from "../../naming/pipeline";

/** sha256 over every file's path and content, first 16 hex digits (as the runtime's hash). */
export function dbtProjectHash(files: ReadonlyArray<DbtFile>): string {
  const hash = createHash("sha256");
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(`${f.path}\0${f.content}\0`);
  return hash.digest("hex").slice(0, 16);
}

export interface DbtProjectProps {
  readonly ref: naming.EnvRef;
  readonly workspaceProvider: DatabricksProvider;
  readonly files: ReadonlyArray<DbtFile>;
  /** Scratch folder the files are written to, where TerraformAsset picks them up at synth. */
  readonly dir: string;
  /** @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The gold dbt project (jobs/dbt-project.ts) as workspace files under a folder named by its content
 * hash (/Shared/<prefix>/<env>/dbt/<hash>/...): a model change is a new folder, and a run builds
 * exactly the project the job names.
 */
export class DbtProject extends Construct {
  /** The project folder in the workspace: the dbt task's project_directory. */
  readonly folder: string;
  readonly hash: string;
  readonly files: WorkspaceFile[];

  constructor(scope: Construct, id: string, props: DbtProjectProps) {
    super(scope, id);
    this.hash = dbtProjectHash(props.files);
    this.folder = dbtProjectFolder(props.ref, this.hash);
    this.files = props.files.map((file) => {
      const id = file.path.replace(/[^A-Za-z0-9]/g, "_");
      const local = path.join(props.dir, ...file.path.split("/"));
      fs.mkdirSync(path.dirname(local), { recursive: true });
      fs.writeFileSync(local, file.content);
      const asset = new TerraformAsset(this, `${id}_asset`, { path: local, type: AssetType.FILE });
      return new WorkspaceFile(this, id, {
        provider: props.workspaceProvider,
        path: `${this.folder}/${file.path}`,
        source: asset.path,
        dependsOn: props.dependsOn,
      });
    });
  }
}
