import { App, TerraformStack, Testing } from "cdktf";
import { configureBackend } from "../../stacks/backend";
import { awsEnv, azureEnv } from "../fixtures/platform";

function backendOf(configure: (stack: TerraformStack) => void) {
  const stack = new TerraformStack(Testing.app() as App, "s");
  configure(stack);
  return JSON.parse(Testing.synth(stack)).terraform.backend;
}

describe("configureBackend", () => {
  it("keeps AWS state in the environment's S3 bucket, encrypted, locked by an S3 lock file, one key per stack", () => {
    expect(backendOf((s) => configureBackend(s, awsEnv("staging")))).toStrictEqual({
      s3: {
        bucket: "rtl-terraform-state-staging",
        key: "lakehouse/aws-staging.tfstate",
        region: "eu-west-1",
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  it("keeps a DynamoDB lock next to the lock file while a spec still names its table (migration)", () => {
    const env = awsEnv("dev");
    const migrating = { ...env, aws: { ...env.aws, state: { ...env.aws.state, dynamodbTable: "rtl-terraform-locks" } } };
    expect(backendOf((s) => configureBackend(s, migrating)).s3).toMatchObject({ dynamodb_table: "rtl-terraform-locks", use_lockfile: true });
  });

  it("keeps Azure state in a blob container with Azure AD auth, one key per stack", () => {
    expect(backendOf((s) => configureBackend(s, azureEnv("prod")))).toStrictEqual({
      azurerm: {
        resource_group_name: "rtl-tfstate",
        storage_account_name: "rtltfstateprod",
        container_name: "tfstate",
        key: "lakehouse/azure-prod.tfstate",
        subscription_id: "00000000-0000-0000-0000-000000000000",
        tenant_id: "00000000-0000-0000-0000-000000000000",
        use_azuread_auth: true,
      },
    });
  });
});
