import { MwsCustomerManagedKeys } from "@cdktf/provider-databricks/lib/mws-customer-managed-keys";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import { Construct } from "constructs";
import { ScopedKmsKey } from "./kms-key";

/**
 * The AWS account of the Databricks control plane, which uses the keys on the workspace's behalf
 * (commercial regions; GovCloud has its own).
 */
export const DATABRICKS_CONTROL_PLANE_ACCOUNT = "414351767826";

export interface WorkspaceKeysProps {
  readonly provider: DatabricksProvider;
  readonly databricksAccountId: string;
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** Aliases of the two keys, e.g. alias/rtl-prod-managed-services and alias/rtl-prod-workspace-storage. */
  readonly aliases: { readonly managedServices: string; readonly storage: string };
  /** ARN of the cross-account role: it encrypts the cluster nodes' EBS volumes with the storage key. */
  readonly crossAccountRoleArn: string;
  /** Description prefix of the keys, e.g. "Retail lakehouse prod". */
  readonly description: string;
}

/**
 * Customer-managed keys for the workspace (SRA): one for managed services (notebooks, secrets,
 * queries in the control plane), one for workspace storage (the root bucket and the cluster nodes'
 * EBS volumes), each with the key policy Databricks documents, registered with the account.
 */
export class WorkspaceKeys extends Construct {
  readonly managedServices: MwsCustomerManagedKeys;
  readonly storage: MwsCustomerManagedKeys;
  /** The storage key: the root bucket's SSE-KMS key. */
  readonly storageKeyArn: string;

  constructor(scope: Construct, id: string, props: WorkspaceKeysProps) {
    super(scope, id);
    const { provider, partition } = props;
    const databricks = { AWS: `arn:${partition}:iam::${DATABRICKS_CONTROL_PLANE_ACCOUNT}:root` };
    const ourAccount = { StringEquals: { "aws:PrincipalTag/DatabricksAccountId": [props.databricksAccountId] } };

    const managedKey = new ScopedKmsKey(this, "managed_services_key", {
      aliasName: props.aliases.managedServices,
      description: `${props.description}: Databricks managed services`,
      partition,
      accountId: props.accountId,
      users: [],
      statements: [
        {
          Sid: "DatabricksControlPlaneManagedServices",
          Effect: "Allow",
          Principal: databricks,
          Action: ["kms:Encrypt", "kms:Decrypt"],
          Resource: "*",
          Condition: ourAccount,
        },
      ],
    });
    const storageKey = new ScopedKmsKey(this, "storage_key", {
      aliasName: props.aliases.storage,
      description: `${props.description}: Databricks workspace storage`,
      partition,
      accountId: props.accountId,
      users: [],
      statements: [
        {
          Sid: "DatabricksWorkspaceStorage",
          Effect: "Allow",
          Principal: databricks,
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
          Resource: "*",
          Condition: ourAccount,
        },
        {
          Sid: "DatabricksWorkspaceStorageGrants",
          Effect: "Allow",
          Principal: databricks,
          Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
          Resource: "*",
          Condition: { ...ourAccount, Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
        {
          Sid: "ClusterVolumes",
          Effect: "Allow",
          // By ARN in a condition: the key exists before the role Databricks is registered with.
          Principal: { AWS: `arn:${partition}:iam::${props.accountId}:root` },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
          Resource: "*",
          Condition: {
            ArnEquals: { "aws:PrincipalArn": [props.crossAccountRoleArn] },
            "ForAnyValue:StringLike": { "kms:ViaService": `ec2.*.amazonaws.com` },
          },
        },
      ],
    });

    const register = (cmkId: string, key: ScopedKmsKey, alias: string, useCase: string) =>
      new MwsCustomerManagedKeys(this, cmkId, {
        provider,
        accountId: props.databricksAccountId,
        useCases: [useCase],
        awsKeyInfo: { keyArn: key.arn, keyAlias: alias, keyRegion: props.region },
      });
    this.managedServices = register("managed_services", managedKey, props.aliases.managedServices, "MANAGED_SERVICES");
    this.storage = register("storage", storageKey, props.aliases.storage, "STORAGE");
    this.storageKeyArn = storageKey.arn;
  }
}
