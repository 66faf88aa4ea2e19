import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { synthPlatform } from "../../stacks/app";
import { DEPLOY_TARGETS_FILE, deployTargets } from "../../stacks/deploy-targets";
import { exampleInput, platform } from "../fixtures/platform";

describe("deploy targets", () => {
  it("give every stack its deploy and plan runner labels and destroy-protection setting from the spec", () => {
    expect(deployTargets(platform)).toStrictEqual({
      "aws-dev": { cloud: "aws", environment: "dev", runner: "ubuntu-latest", planRunner: "ubuntu-latest", destroyProtection: true },
      "aws-staging": { cloud: "aws", environment: "staging", runner: "ubuntu-latest", planRunner: "ubuntu-latest", destroyProtection: true },
      "aws-prod": { cloud: "aws", environment: "prod", runner: "ubuntu-latest", planRunner: "ubuntu-latest", destroyProtection: true },
      "azure-dev": { cloud: "azure", environment: "dev", runner: "ubuntu-latest", planRunner: "ubuntu-latest", destroyProtection: true },
      "azure-staging": { cloud: "azure", environment: "staging", runner: "ubuntu-latest", planRunner: "ubuntu-latest", destroyProtection: true },
      "azure-prod": { cloud: "azure", environment: "prod", runner: "lakehouse-azure-prod", planRunner: "lakehouse-azure-prod-plan", destroyProtection: true },
    });
  });

  it("are written next to the stacks at every synth", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "targets-test-"));
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      synthPlatform(exampleInput(), path.join(dir, "out"));
      expect(JSON.parse(fs.readFileSync(path.join(dir, "out", DEPLOY_TARGETS_FILE), "utf8"))).toStrictEqual(deployTargets(platform));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
