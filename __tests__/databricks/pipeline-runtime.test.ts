import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { WorkspaceFile } from "@cdktf/provider-databricks/lib/workspace-file";
import { RUNTIME_SOURCE, runtimeBundle } from "../../constructs/databricks/pipeline-runtime";
import { resource, synthLakehouse } from "./synth";

type Task = { task_key: string; notebook_task: { base_parameters: Record<string, string> } };

const copyOfRuntime = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "runtime-"));
  fs.cpSync(RUNTIME_SOURCE, dir, { recursive: true });
  return dir;
};

describe("PipelineRuntime", () => {
  // prod: every task is a notebook task (staging runs gold as a dbt task).
  const s = synthLakehouse({ env: "prod" });
  const { hash, files } = runtimeBundle();
  const folder = `/rtl/prod/runtime/${hash}`;

  it("deploys every runtime file as a workspace file under a folder named by the content hash, from an asset", () => {
    const deployed = Object.values(s.tf.resource.databricks_workspace_file).filter((f) => String(f.path).startsWith(`${folder}/`));
    expect(deployed.map((f) => f.path).sort()).toStrictEqual(files.map((f) => `${folder}/lakehouse_runtime/${f}`));
    for (const f of deployed) {
      expect(f.source).toMatch(/^assets\/databricks_runtime_\w+_source_[0-9A-F]{8}\/[0-9A-F]+\/\w+\.py$/);
      expect(f.content_base64).toBeUndefined();
      expect(f.depends_on).toStrictEqual(["databricks_directory.databricks_notebooks_folder_E6AA8879"]);
    }
    expect(s.json).toHaveResourceWithProperties(WorkspaceFile, { path: `${folder}/lakehouse_runtime/silver.py` });
  });

  it("passes the runtime folder to every task, and the job waits for its files", () => {
    const job = resource(s, "databricks_job", "pipeline_job");
    for (const task of job.task as Task[]) expect(task.notebook_task.base_parameters.runtime_path).toBe(`/Workspace${folder}`);
    // The runtime's files and the expectation suites.
    expect((job.depends_on as string[]).filter((d) => d.startsWith("databricks_workspace_file.")).sort()).toStrictEqual(
      Object.keys(s.tf.resource.databricks_workspace_file).map((id) => `databricks_workspace_file.${id}`).sort(),
    );
  });

  it("hashes the package's Python files only: a compiled cache does not change the version", () => {
    const dir = copyOfRuntime();
    fs.mkdirSync(path.join(dir, "__pycache__"), { recursive: true });
    fs.writeFileSync(path.join(dir, "__pycache__", "silver.cpython-311.pyc"), "bytes");
    fs.writeFileSync(path.join(dir, "py.typed"), "");
    expect(runtimeBundle(dir)).toStrictEqual(runtimeBundle());
  });

  it("changes the version when any runtime file changes", () => {
    const dir = copyOfRuntime();
    fs.appendFileSync(path.join(dir, "gold.py"), "\n# changed\n");
    expect(runtimeBundle(dir).hash).not.toBe(runtimeBundle().hash);
    expect(runtimeBundle(dir).hash).toMatch(/^[0-9a-f]{16}$/);
  });
});
