import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DataDatabricksAwsAssumeRolePolicy } from "@cdktf/provider-databricks/lib/data-databricks-aws-assume-role-policy";
import { DataDatabricksAwsCrossaccountPolicy } from "@cdktf/provider-databricks/lib/data-databricks-aws-crossaccount-policy";
import { MwsCredentials } from "@cdktf/provider-databricks/lib/mws-credentials";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";
import { TimeSleep } from "../common/time-sleep";
import type { WorkspaceNetwork } from "./workspace-network";

export interface CrossAccountCredentialsProps {
  readonly provider: DatabricksProvider;
  readonly databricksAccountId: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** Name of the IAM role (and of its policy). */
  readonly roleName: string;
  /** Name of the Databricks credentials configuration. */
  readonly credentialsName: string;
  /**
   * The customer-managed VPC: the role's EC2 permissions are then restricted to it.
   * @default Databricks-managed VPC, with the policy Databricks documents for it
   */
  readonly network?: WorkspaceNetwork;
}

/**
 * The cross-account IAM role Databricks assumes to launch clusters in this AWS account, with the
 * trust and policy Databricks generates, registered as account-level credentials.
 */
export class CrossAccountCredentials extends Construct {
  readonly credentials: MwsCredentials;

  constructor(scope: Construct, id: string, props: CrossAccountCredentialsProps) {
    super(scope, id);
    const { provider, network } = props;
    // Databricks assumes the role with the account id as external id.
    const trust = new DataDatabricksAwsAssumeRolePolicy(this, "trust", {
      provider,
      externalId: props.databricksAccountId,
      awsPartition: props.partition,
    });
    const policy = new DataDatabricksAwsCrossaccountPolicy(this, "policy_document", {
      provider,
      awsPartition: props.partition,
      ...(network
        ? { policyType: "restricted", awsAccountId: props.accountId, region: props.region, vpcId: network.vpc.id, securityGroupId: network.securityGroup.id }
        : { policyType: "managed" }),
    });
    const role = new IamRole(this, "role", {
      name: props.roleName,
      description: "Databricks launches and manages the workspace's clusters with this role",
      assumeRolePolicy: trust.json,
    });
    const rolePolicy = new IamRolePolicy(this, "role_policy", { name: props.roleName, role: role.id, policy: policy.json });
    // A new role is not assumable everywhere at once; Databricks validates it on registration, and
    // the first apply fails without this wait.
    const propagation = new TimeSleep(this, "iam_propagation", { createDuration: "20s", dependsOn: [role, rolePolicy] });
    this.credentials = new MwsCredentials(this, "credentials", {
      provider,
      credentialsName: props.credentialsName,
      roleArn: role.arn,
      dependsOn: [propagation],
    });
  }
}
