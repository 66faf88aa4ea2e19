import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { DataDatabricksAwsUnityCatalogAssumeRolePolicy } from "@cdktf/provider-databricks/lib/data-databricks-aws-unity-catalog-assume-role-policy";
import { DataDatabricksAwsUnityCatalogPolicy } from "@cdktf/provider-databricks/lib/data-databricks-aws-unity-catalog-policy";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";
import { TimeSleep } from "../common/time-sleep";
import { LAYERS, type Layer } from "../../platform";

export interface UnityCatalogRoleProps {
  readonly provider: DatabricksProvider;
  readonly accountId: string;
  readonly partition: string;
  /** The role's name: the storage credential already names the ARN built from it. */
  readonly roleName: string;
  /** The external id Databricks generated for the storage credential. */
  readonly externalId: string;
  /** The Unity Catalog master role the credential says will assume ours. */
  readonly unityCatalogIamArn: string;
  /** Each layer's bucket and the KMS key it is encrypted with. */
  readonly layers: Readonly<Record<Layer, { readonly bucketName: string; readonly kmsKeyArn: string }>>;
}

/**
 * The IAM role behind the Unity Catalog storage credential. The order is the first-apply trap of
 * this provider:
 * 1. the storage credential is created first, naming this role by its constructed ARN (the role
 *    need not exist yet), and Databricks answers with an external id;
 * 2. this role is created second, trusting the Unity Catalog master role with that external id,
 *    and itself (Databricks requires roles to be self-assuming);
 * 3. IAM is eventually consistent: external locations validate the credential by assuming the
 *    role, and fail if they try within seconds of its creation, so they wait for `ready`.
 */
export class UnityCatalogRole extends Construct {
  readonly role: IamRole;
  /** Created once the role can be assumed: what external locations depend on. */
  readonly ready: TimeSleep;

  constructor(scope: Construct, id: string, props: UnityCatalogRoleProps) {
    super(scope, id);
    const { provider, accountId, partition, roleName } = props;
    const trust = new DataDatabricksAwsUnityCatalogAssumeRolePolicy(this, "trust", {
      provider,
      awsAccountId: accountId,
      awsPartition: partition,
      roleName,
      externalId: props.externalId,
      unityCatalogIamArn: props.unityCatalogIamArn,
    });
    this.role = new IamRole(this, "role", {
      name: roleName,
      description: "Unity Catalog reads and writes the lake buckets with this role",
      assumeRolePolicy: trust.json,
    });
    // One managed policy per layer: the generated policy covers one bucket and key, and four of
    // them would overflow a role's inline-policy size limit.
    const attachments = LAYERS.map((layer) => {
      const { bucketName, kmsKeyArn } = props.layers[layer];
      const document = new DataDatabricksAwsUnityCatalogPolicy(this, `${layer}_policy_document`, {
        provider,
        awsAccountId: accountId,
        awsPartition: partition,
        roleName,
        bucketName,
        kmsName: kmsKeyArn,
      });
      const policy = new IamPolicy(this, `${layer}_policy`, { name: `${roleName}-${layer}`, policy: document.json });
      return new IamRolePolicyAttachment(this, `${layer}_policy_attachment`, { role: this.role.name, policyArn: policy.arn });
    });
    this.ready = new TimeSleep(this, "iam_propagation", { createDuration: "30s", dependsOn: [this.role, ...attachments] });
  }
}
