import * as path from "node:path";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Directory } from "@cdktf/provider-databricks/lib/directory";
import { Notebook } from "@cdktf/provider-databricks/lib/notebook";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import type { PipelineTask } from "../../jobs/plan";
import * as naming from "../../naming";

export interface PipelineNotebooksProps {
  readonly ref: naming.EnvRef;
  readonly workspaceProvider: DatabricksProvider;
  readonly tasks: ReadonlyArray<PipelineTask>;
  /** Folder holding each task's notebook file (PipelineTask.fileName). */
  readonly notebookDir: string;
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
