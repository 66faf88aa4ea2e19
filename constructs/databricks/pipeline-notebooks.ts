import * as path from "node:path";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Directory } from "@cdktf/provider-databricks/lib/directory";
import { Notebook } from "@cdktf/provider-databricks/lib/notebook";
import { Permissions } from "@cdktf/provider-databricks/lib/permissions";
import { AssetType, type ITerraformDependable, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import type { PipelineTask } from "../../jobs/plan";
import * as naming from "../../naming";
import { type ResolvedPrincipal, accessControl } from "../../access/privileges";

export interface PipelineNotebooksProps {
  readonly ref: naming.EnvRef;
  readonly workspaceProvider: DatabricksProvider;
  readonly tasks: ReadonlyArray<PipelineTask>;
  /** Folder holding each task's notebook file (PipelineTask.fileName). */
  readonly notebookDir: string;
  /** Who reads the folder (access/privileges.ts codeReaders): the run-as principal and the spec's engineers. */
  readonly readers: readonly ResolvedPrincipal[];
  /** The readers' workspace assignments: the permissions name them. @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The pipeline's notebooks in the environment's workspace folder. Each is uploaded from its file
 * through a TerraformAsset and `source`, never `content_base64`, which would copy every notebook
 * into the Terraform state.
 */
export class PipelineNotebooks extends Construct {
  /** Workspace path of each task's notebook, by task key. */
  readonly paths: Readonly<Record<string, string>>;
  /** The environment's workspace folder. */
  readonly folder: Directory;

  constructor(scope: Construct, id: string, props: PipelineNotebooksProps) {
    super(scope, id);
    const { ref, workspaceProvider: provider } = props;

    const folder = new Directory(this, "folder", { provider, path: naming.workspaceFolder(ref) });
    this.folder = folder;
    // Authoritative: the folder's ACL is exactly this (plus the deployer, its creator, and workspace admins, who keep
    // CAN_MANAGE), and everything under it (runtime, suites, dbt project, monitoring) inherits it
    // (https://docs.databricks.com/aws/en/security/auth/access-control#folder-permissions). CAN_READ runs a notebook
    // as a job task and imports workspace files; nobody may edit the code the run-as principal runs.
    new Permissions(this, "folder_permissions", {
      provider,
      directoryPath: folder.path,
      accessControl: props.readers.map((p) => accessControl(p, "CAN_READ")),
      dependsOn: props.dependsOn,
    });

    this.paths = Object.fromEntries(
      props.tasks.map((task) => {
        const file = new TerraformAsset(this, `${task.taskKey}_file`, {
          path: path.join(props.notebookDir, task.fileName),
          type: AssetType.FILE,
        });
        const notebook = new Notebook(this, task.taskKey, {
          provider,
          path: naming.workspaceNotebookPath(ref, task.notebookName),
          language: "PYTHON",
          source: file.path,
          dependsOn: [folder],
        });
        return [task.taskKey, notebook.path];
      }),
    );
  }
}
