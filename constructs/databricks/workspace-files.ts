import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { WorkspaceFile } from "@cdktf/provider-databricks/lib/workspace-file";
import { AssetType, type ITerraformDependable, TerraformAsset } from "cdktf";
import type { Construct } from "constructs";

/** A generated file, by its path under the deployed folder. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/** sha256 over every file's path and content, first 16 hex digits (as the runtime's hash): the deployed folder's name. */
export function contentHash(files: ReadonlyArray<GeneratedFile>): string {
  const hash = createHash("sha256");
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(`${f.path}\0${f.content}\0`);
  return hash.digest("hex").slice(0, 16);
}

export interface DeployFilesProps {
  readonly workspaceProvider: DatabricksProvider;
  /** Scratch folder the files are written to, where TerraformAsset picks them up at synth. */
  readonly dir: string;
  /** The workspace folder the files go under. */
  readonly folder: string;
  /** Construct ids of a file's asset and workspace file. */
  readonly ids: (file: GeneratedFile) => { readonly asset: string; readonly file: string };
  /** @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/** Each file written to the scratch folder and deployed from it as a workspace file under `folder`. */
export function deployFiles(scope: Construct, files: ReadonlyArray<GeneratedFile>, props: DeployFilesProps): WorkspaceFile[] {
  return files.map((file) => {
    const local = path.join(props.dir, ...file.path.split("/"));
    fs.mkdirSync(path.dirname(local), { recursive: true });
    fs.writeFileSync(local, file.content);
    const ids = props.ids(file);
    const asset = new TerraformAsset(scope, ids.asset, { path: local, type: AssetType.FILE });
    return new WorkspaceFile(scope, ids.file, {
      provider: props.workspaceProvider,
      path: `${props.folder}/${file.path}`,
      source: asset.path,
      dependsOn: props.dependsOn,
    });
  });
}
