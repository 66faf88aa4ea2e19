import { REQUIRED_TERRAFORM_VERSION, TERRAFORM_VERSION } from "../../stacks/terraform-version";
import { awsEnv, azureEnv, exampleInput } from "../fixtures/platform";
import { synthStacks } from "./example-stacks";

const stacks = synthStacks(exampleInput());

describe("versions and accounts pinned in every stack", () => {
  it.each([...stacks.keys()])("%s requires the Terraform minor line CI installs", (id) => {
    expect(stacks.get(id)!.terraform.required_version).toBe(REQUIRED_TERRAFORM_VERSION);
  });

  it("requires a line that holds the CI pin (>= 1.11, for use_lockfile)", () => {
    const [, minor] = REQUIRED_TERRAFORM_VERSION.match(/^~> (\d+\.\d+)\.0$/) ?? [];
    expect(TERRAFORM_VERSION.startsWith(`${minor}.`)).toBe(true);
    expect(Number(minor.split(".")[1])).toBeGreaterThanOrEqual(11);
  });

  it.each(["dev", "staging", "prod"])("aws-%s locks its S3 state with a lock file and deploys only into its own account", (name) => {
    const stack = stacks.get(`aws-${name}`)!;
    expect(stack.terraform.backend.s3).toMatchObject({ bucket: `rtl-terraform-state-${name}`, encrypt: true, use_lockfile: true });
    expect(stack.terraform.backend.s3).not.toHaveProperty("dynamodb_table");
    expect(stack.provider.aws.map((p) => p.allowed_account_ids)).toStrictEqual([[awsEnv(name).aws.accountId]]);
  });

  it.each(["dev", "staging", "prod"])("azure-%s pins provider and state to its own subscription and tenant", (name) => {
    const stack = stacks.get(`azure-${name}`)!;
    const { subscriptionId, tenantId } = azureEnv(name).azure;
    expect(stack.provider.azurerm.map((p) => [p.subscription_id, p.tenant_id])).toStrictEqual([[subscriptionId, tenantId]]);
    expect(stack.terraform.backend.azurerm).toMatchObject({ subscription_id: subscriptionId, tenant_id: tenantId, storage_account_name: `rtltfstate${name}` });
  });
});
