import { Construct } from "constructs";
import { envRef, kmsAliasName, s3BucketName } from "../../naming";
import { type AwsEnvironment, LAYERS, type Layer, type Platform } from "../../platform";
import { ScopedKmsKey } from "./kms-key";
import { layerLifecycle } from "./lifecycle";
import { SecureBucket } from "./secure-bucket";

export interface LakeStorageProps {
  readonly platform: Platform;
  readonly environment: AwsEnvironment;
  readonly partition: string;
  /** Bucket receiving the layer buckets' access logs. */
  readonly accessLogBucket: string;
  /** ARN of the role Unity Catalog reads and writes the lake with: the only user of the layer keys. */
  readonly dataAccessRoleArn: string;
  /**
   * ARN of the role S3 replicates the lake to the disaster-recovery region with (constructs/aws/lake-replication.ts):
   * it decrypts the primary's objects and encrypts the secondary's replicas.
   * @default no replication: only the data access role uses the keys
   */
  readonly replicationRoleArn?: string;
}

/**
 * One bucket and one KMS key per layer rather than one bucket with prefixes: each layer gets its
 * own lifecycle (landing expires raw files, the Delta layers must not), its own access boundary
 * (bucket policy, key policy, one Unity Catalog external location per layer) and its own blast
 * radius (a mistaken policy or key change touches one layer only).
 */
export class LakeStorage extends Construct {
  readonly buckets: Readonly<Record<Layer, SecureBucket>>;
  readonly keys: Readonly<Record<Layer, ScopedKmsKey>>;

  constructor(scope: Construct, id: string, props: LakeStorageProps) {
    super(scope, id);
    const { platform, environment, partition } = props;
    const ref = envRef(platform, environment);
    const accountId = environment.aws.accountId;
    const keys = {} as Record<Layer, ScopedKmsKey>;
    const buckets = {} as Record<Layer, SecureBucket>;
    for (const layer of LAYERS) {
      keys[layer] = new ScopedKmsKey(this, `${layer}_key`, {
        aliasName: kmsAliasName(ref, layer),
        description: `${platform.name} ${environment.name}: ${layer} layer`,
        partition,
        accountId,
        users: [props.dataAccessRoleArn, ...(props.replicationRoleArn === undefined ? [] : [props.replicationRoleArn])],
      });
      buckets[layer] = new SecureBucket(this, layer, {
        bucketName: s3BucketName(ref, layer, accountId),
        partition,
        kmsKeyArn: keys[layer].arn,
        lifecycle: layerLifecycle(layer, environment.retentionDays),
        accessLogBucket: props.accessLogBucket,
      });
    }
    this.keys = keys;
    this.buckets = buckets;
  }
}
