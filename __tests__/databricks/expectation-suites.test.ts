import { suitesHash } from "../../constructs/databricks/expectation-suites";
import { suiteFiles } from "../../jobs/expectations";
import { platform } from "../fixtures/platform";
import { synthLakehouse } from "./synth";

describe("ExpectationSuites", () => {
  const s = synthLakehouse({ env: "prod" });
  const suites = suiteFiles(platform);
  const folder = `/rtl/prod/expectations/${suitesHash(suites)}`;
  const deployed = Object.values(s.tf.resource.databricks_workspace_file).filter((f) => String(f.path).includes("/expectations/"));

  it("deploys one suite per dataset as a workspace file under a folder named by the suites' content hash, from an asset", () => {
    expect(deployed.map((f) => f.path).sort()).toStrictEqual(platform.datasets.map((d) => `${folder}/${d.name}.json`).sort());
    for (const f of deployed) {
      expect(f.source).toMatch(/^assets\/databricks_expectations_\w+_suite_file_[0-9A-F]{8}\/[0-9A-F]+\/\w+\.json$/);
      expect(f.content_base64).toBeUndefined();
      expect(f.depends_on).toStrictEqual(["databricks_directory.databricks_notebooks_folder_E6AA8879"]);
    }
  });

  it("changes the folder when a rule changes, and only then", () => {
    const changed = suites.map((f, i) => (i === 0 ? { ...f, content: f.content.replace("not_be_null", "be_unique") } : f));
    expect(suitesHash(changed)).not.toBe(suitesHash(suites));
    expect(suitesHash([...suites].reverse())).toBe(suitesHash(suites));
    expect(suitesHash(suites)).toMatch(/^[0-9a-f]{16}$/);
  });
});
