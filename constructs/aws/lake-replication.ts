import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketReplicationConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-replication-configuration";
import { Construct } from "constructs";
import { LAYERS, type Layer } from "../../platform";
import { s3BucketArn } from "./arn";
import type { SecureBucket } from "./secure-bucket";

export interface LakeReplicationProps {
  /** The AWS provider of the primary's region, where the source buckets and their replication configurations are. */
  readonly sourceProvider: AwsProvider;
  readonly partition: string;
  readonly accountId: string;
  /** Where the source buckets and the destination buckets are: KMS is used through S3 in each. */
  readonly sourceRegion: string;
  readonly destinationRegion: string;
  /** The role's name: the primary's key policies name its ARN, built from it. */
  readonly roleName: string;
  /** The primary's lake bucket names (the primary stack's, versioned, SSE-KMS under its own keys). */
  readonly sources: Readonly<Record<Layer, string>>;
  /** The secondary's lake buckets, in this stack, and the keys their replicas are encrypted with. */
  readonly destinations: Readonly<Record<Layer, SecureBucket>>;
  readonly destinationKeyArns: Readonly<Record<Layer, string>>;
}

/**
 * S3 replication of every lake layer to the secondary region, one rule per bucket, all objects.
 *
 * Delete markers are NOT replicated (`delete_marker_replication` Disabled). The replica is the copy
 * a failover starts from, so a delete in the primary (VACUUM, the landing lifecycle, a mistake or
 * an attacker) must not hide an object there; S3 never replicates a deletion of a version either
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-what-is-isnot-replicated.html).
 * The replica's own lifecycle, the same per-layer retention as the primary's, expires what the
 * primary deleted. The tables themselves reach the secondary's catalog by the table sync's deep
 * clones, which are consistent per table version; these copies are the files beside them (landing
 * above all, which the secondary's bronze reads after a failover).
 *
 * The role may read only the source buckets' replicable versions and write replicas only into the
 * destination buckets, using each key only through S3 in its region for those buckets
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html).
 *
 * It lives in the secondary's stack, beside the destination buckets, and configures the primary's
 * buckets through a provider for the primary's region: the primary is deployed first (the
 * secondary's table sync reads its share), so the buckets on both sides exist, versioned, when this applies.
 */
export class LakeReplication extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: LakeReplicationProps) {
    super(scope, id);
    const { partition } = props;
    const sourceArns = LAYERS.map((l) => s3BucketArn(partition, props.sources[l]));
    const destinationArns = LAYERS.map((l) => s3BucketArn(partition, props.destinations[l].bucketName));
    const keysOf = (region: string) => [`arn:${partition}:kms:${region}:${props.accountId}:key/*`];
    // With an S3 bucket key the encryption context is the bucket's ARN, without one the object's.
    const context = (arns: string[]) => arns.flatMap((arn) => [arn, `${arn}/*`]);

    const trust = new DataAwsIamPolicyDocument(this, "trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["s3.amazonaws.com"] }] }],
    });
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: "S3 replicates the lake buckets to the disaster-recovery region with this role",
      assumeRolePolicy: trust.json,
    });
    const policy = new DataAwsIamPolicyDocument(this, "policy", {
      statement: [
        { sid: "ReadReplicationConfiguration", actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"], resources: sourceArns },
        {
          sid: "ReadSourceVersions",
          actions: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
          resources: sourceArns.map((arn) => `${arn}/*`),
        },
        { sid: "WriteReplicas", actions: ["s3:ReplicateObject", "s3:ReplicateTags"], resources: destinationArns.map((arn) => `${arn}/*`) },
        {
          sid: "DecryptSources",
          actions: ["kms:Decrypt"],
          // The source keys live in the primary stack: any key of the account there, through S3, for these buckets only.
          resources: keysOf(props.sourceRegion),
          condition: [
            { test: "StringEquals", variable: "kms:ViaService", values: [`s3.${props.sourceRegion}.amazonaws.com`] },
            { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: context(sourceArns) },
          ],
        },
        {
          sid: "EncryptReplicas",
          actions: ["kms:Encrypt", "kms:GenerateDataKey"],
          resources: LAYERS.map((l) => props.destinationKeyArns[l]),
          condition: [
            { test: "StringEquals", variable: "kms:ViaService", values: [`s3.${props.destinationRegion}.amazonaws.com`] },
            { test: "StringLike", variable: "kms:EncryptionContext:aws:s3:arn", values: context(destinationArns) },
          ],
        },
      ],
    });
    new IamRolePolicy(this, "policy_attachment", { name: props.roleName, role: this.role.name, policy: policy.json });

    for (const layer of LAYERS) {
      const destination = props.destinations[layer];
      new S3BucketReplicationConfigurationA(this, layer, {
        provider: props.sourceProvider,
        bucket: props.sources[layer],
        role: this.role.arn,
        rule: [
          {
            id: `${layer}-to-secondary`,
            status: "Enabled",
            // An empty filter is the current (V2) schema: every object, and delete_marker_replication must be stated.
            filter: {},
            deleteMarkerReplication: { status: "Disabled" },
            sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
            destination: {
              bucket: s3BucketArn(partition, destination.bucketName),
              encryptionConfiguration: { replicaKmsKeyId: props.destinationKeyArns[layer] },
              // Landing's raw files exist nowhere else, so they replicate under S3 Replication Time Control: 99.99% of
              // objects within 15 minutes (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html),
              // the landing RPO docs/disaster-recovery.md counts. RTC needs replication metrics. The table layers reach the
              // secondary by the table sync; their file copies are a second line and need no time bound.
              ...(layer === "landing"
                ? { replicationTime: { status: "Enabled", time: { minutes: 15 } }, metrics: { status: "Enabled", eventThreshold: { minutes: 15 } } }
                : {}),
            },
          },
        ],
        // S3 checks the destination's versioning when the configuration is put.
        dependsOn: [destination.versioning],
      });
    }
  }
}
