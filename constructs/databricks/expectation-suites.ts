import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { WorkspaceFile } from "@cdktf/provider-databricks/lib/workspace-file";
import { AssetType, type ITerraformDependable, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import type { SuiteFile } from "../../jobs/expectations";
import type * as naming from "../../naming";
import { expectationsFolder } from "../../naming/pipeline";

/** sha256 over every suite's file name and content, first 16 hex digits (as the runtime's hash). */
export function suitesHash(suites: ReadonlyArray<SuiteFile>): string {
  const hash = createHash("sha256");
  for (const s of [...suites].sort((a, b) => (a.fileName < b.fileName ? -1 : 1))) hash.update(`${s.fileName}\0${s.content}\0`);
  return hash.digest("hex").slice(0, 16);
}

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
 * their content hash (/Shared/<prefix>/<env>/expectations/<hash>/<dataset>.json): a rule change
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
    fs.mkdirSync(props.dir, { recursive: true });
    this.files = props.suites.map((suite) => {
      const id = suite.fileName.replace(/\.json$/, "");
      fs.writeFileSync(path.join(props.dir, suite.fileName), suite.content);
      const asset = new TerraformAsset(this, `${id}_suite_file`, { path: path.join(props.dir, suite.fileName), type: AssetType.FILE });
      return new WorkspaceFile(this, `${id}_suite`, {
        provider: props.workspaceProvider,
        path: `${folder}/${suite.fileName}`,
        source: asset.path,
        dependsOn: props.dependsOn,
      });
    });
  }
}
