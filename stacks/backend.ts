import { AzurermBackend, S3Backend, type TerraformStack } from "cdktf";
import { stackName } from "../naming";
import type { EnvironmentSpec } from "../platform";

/**
 * Remote state for one environment: never a silent local backend. S3 with server-side encryption
 * and S3-native locking (`use_lockfile`, Terraform >= 1.10) on AWS; an Azure blob container
 * (leases lock) on Azure.
 */
export function configureBackend(stack: TerraformStack, env: EnvironmentSpec): void {
  const key = (prefix: string) => `${prefix}/${stackName(env)}.tfstate`;
  if (env.cloud === "aws") {
    const s = env.aws.state;
    new S3Backend(stack, {
      bucket: s.bucket,
      key: key(s.keyPrefix),
      region: s.region ?? env.aws.region,
      encrypt: true,
      ...(s.dynamodbTable ? { dynamodbTable: s.dynamodbTable } : {}),
    });
    // cdktf 0.21's S3Backend has no use_lockfile; DynamoDB locking is deprecated since Terraform 1.11.
    stack.addOverride("terraform.backend.s3.use_lockfile", true);
  } else {
    const s = env.azure.state;
    new AzurermBackend(stack, {
      resourceGroupName: s.resourceGroupName,
      storageAccountName: s.storageAccountName,
      containerName: s.containerName,
      key: key(s.keyPrefix),
      subscriptionId: env.azure.subscriptionId,
      tenantId: env.azure.tenantId,
      useAzureadAuth: true,
    });
  }
}
