import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { WorkspaceFile } from "@cdktf/provider-databricks/lib/workspace-file";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { SuiteFile } from "../../jobs/expectations";
import type * as naming from "../../naming";
import { expectationsFolder } from "../../naming/pipeline";
import { contentHash, deployFiles, type GeneratedFile } from "./workspace-files";

const asFile = (suite: SuiteFile): GeneratedFile => ({ path: suite.fileName, content: suite.content });

/** The suites' content hash: their folder's name. */
export const suitesHash = (suites: ReadonlyArray<SuiteFile>): string => contentHash(suites.map(asFile));

export interface ExpectationSuitesProps {
  readonly ref: naming.EnvRef;
  readonly workspaceProvider: DatabricksProvider;
  readonly suites: ReadonlyArray<SuiteFile>;
  /** Scratch folder the suites are written to, where TerraformAsset picks them up at synth. */
  readonly dir: string;
  /** @default nothing */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The Great Expectations suites (jobs/expectations.ts) as workspace files under a folder named by
 * their content hash (/<prefix>/<env>/expectations/<hash>/<dataset>.json): a rule change
 * is a new folder, and a run reads exactly the suites the job names.
 */
export class ExpectationSuites extends Construct {
  /** The folder as clusters see the workspace (/Workspace/...). */
  readonly importPath: string;
  readonly hash: string;
  readonly files: WorkspaceFile[];

  constructor(scope: Construct, id: string, props: ExpectationSuitesProps) {
    super(scope, id);
    this.hash = suitesHash(props.suites);
    const folder = expectationsFolder(props.ref, this.hash);
    this.importPath = `/Workspace${folder}`;
    this.files = deployFiles(this, props.suites.map(asFile), {
      workspaceProvider: props.workspaceProvider,
      dir: props.dir,
      folder,
      ids: (file) => {
        const id = file.path.replace(/\.json$/, "");
        return { asset: `${id}_suite_file`, file: `${id}_suite` };
      },
      dependsOn: props.dependsOn,
    });
  }
}
