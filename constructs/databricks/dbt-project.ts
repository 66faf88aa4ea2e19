import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { WorkspaceFile } from "@cdktf/provider-databricks/lib/workspace-file";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { DbtFile } from "../../jobs/dbt-project";
import type * as naming from "../../naming";
import { dbtProjectFolder } from "../../naming/pipeline";
import { contentHash, deployFiles } from "./workspace-files";

/** The project's content hash: its folder's name. */
export const dbtProjectHash = (files: ReadonlyArray<DbtFile>): string => contentHash(files);

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
 * hash (/<prefix>/<env>/dbt/<hash>/...): a model change is a new folder, and a run builds
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
    this.files = deployFiles(this, props.files, {
      workspaceProvider: props.workspaceProvider,
      dir: props.dir,
      folder: this.folder,
      ids: (file) => {
        const id = file.path.replace(/[^A-Za-z0-9]/g, "_");
        return { asset: `${id}_asset`, file: id };
      },
      dependsOn: props.dependsOn,
    });
  }
}
