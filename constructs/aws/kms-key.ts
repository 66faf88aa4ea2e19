import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Construct } from "constructs";
import { accountRootArn } from "./arn";

export interface ScopedKmsKeyProps {
  /** The key's alias, e.g. alias/rtl-dev-bronze. */
  readonly aliasName: string;
  readonly description: string;
  /** The AWS partition and account the key lives in. */
  readonly partition: string;
  readonly accountId: string;
  /**
   * ARNs of the roles that may encrypt and decrypt with the key (none: only `statements` grant use).
   * They may not exist yet: the key policy names them in a condition, which AWS does not resolve,
   * rather than as principals.
   */
  readonly users: string[];
  /**
   * Further key policy statements, for services outside the account that use the key (Databricks).
   * @default none
   */
  readonly statements?: Record<string, unknown>[];
}

/** What administering a key takes; none of these read or write data. */
const ADMIN_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
];

/** What S3 does with the key on behalf of a reader or writer of SSE-KMS objects. */
const USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

/**
 * A customer-managed key with yearly rotation and a key policy split in two: the account (through
 * IAM) administers the key but cannot use it; only the named roles can encrypt and decrypt.
 */
export class ScopedKmsKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: ScopedKmsKeyProps) {
    super(scope, id);
    const account = accountRootArn(props.partition, props.accountId);
    this.key = new KmsKey(this, "key", {
      description: props.description,
      enableKeyRotation: true,
      // The longest window: data under a deleted key is unreadable for good.
      deletionWindowInDays: 30,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: account }, Action: ADMIN_ACTIONS, Resource: "*" },
          ...(props.users.length > 0
            ? [
                {
                  Sid: "NamedRolesUseKey",
                  Effect: "Allow",
                  Principal: { AWS: account },
                  Action: USE_ACTIONS,
                  Resource: "*",
                  Condition: { ArnEquals: { "aws:PrincipalArn": props.users } },
                },
              ]
            : []),
          ...(props.statements ?? []),
        ],
      }),
    });
    new KmsAlias(this, "alias", { name: props.aliasName, targetKeyId: this.key.keyId });
  }

  get arn(): string {
    return this.key.arn;
  }
}
