import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { DatabricksProvider } from "@cdktf/provider-databricks/lib/provider";
import type { StorageCredential } from "@cdktf/provider-databricks/lib/storage-credential";
import { type ITerraformDependable, Token } from "cdktf";
import { Construct } from "constructs";
import { type EnvRef, envRef, iamRoleName, kmsAliasName, mwsConfigName, resourceName, s3BucketName } from "../../naming";
import { type AwsEnvironment, LAYERS, type Layer, type Platform } from "../../platform";
import type { CloudComputeAttributes, CloudFoundation, StorageCredentialIdentity } from "../cloud/foundation";
import { AccessLogBucket } from "./access-log-bucket";
import { awsPartition, iamRoleArn } from "./arn";
import { AuditLogDelivery } from "./audit-log-delivery";
import { AwsCostBudget } from "./cost-budget";
import { awsComputeAttributes } from "./compute-attributes";
import { CrossAccountCredentials } from "./cross-account-credentials";
import { accountProvider, workspaceProvider } from "./databricks-providers";
import { LakeReplication } from "./lake-replication";
import { LakeStorage } from "./lake-storage";
import { RootStorage } from "./root-storage";
import { UnityCatalogRole } from "./unity-catalog-role";
import { BackendPrivateLink } from "./backend-private-link";
import { AwsWorkspace } from "./workspace";
import { WorkspaceKeys } from "./workspace-keys";
import { WorkspaceNetwork } from "./workspace-network";

export interface AwsFoundationProps {
  /** The validated platform model. */
  readonly platform: Platform;
  /** The AWS environment this foundation deploys. */
  readonly environment: AwsEnvironment;
  /**
   * Disaster recovery: a secondary replicates its primary's lake buckets into its own (`destination`,
   * constructs/aws/lake-replication.ts); a primary's lake keys let that replication role read them (`source`).
   * @default no replication
   */
  readonly replication?: { readonly role: "source" } | { readonly role: "destination"; readonly primary: AwsEnvironment };
}

/**
 * The AWS half of one environment: lake buckets, the workspace with its credentials, root storage
 * and optional VPC, the Unity Catalog role, and audit log delivery when the spec asks for it.
 */
export class AwsFoundation extends Construct implements CloudFoundation {
  readonly cloud = "aws" as const;
  readonly region: string;
  readonly accountProvider: DatabricksProvider;
  readonly workspaceProvider: DatabricksProvider;
  readonly workspaceId: string;
  readonly workspaceUrl: string;
  readonly layerUrls: Readonly<Record<Layer, string>>;
  readonly storageNames: Readonly<Record<Layer, string>>;
  readonly storageCredentialIdentity: StorageCredentialIdentity;
  readonly computeAttributes: CloudComputeAttributes;
  readonly complianceSettingsInWorkspace = true;
  readonly lake: LakeStorage;
  readonly auditLogs?: AuditLogDelivery;

  private readonly ref: EnvRef;
  private readonly partition: string;
  private readonly environment: AwsEnvironment;

  constructor(scope: Construct, id: string, props: AwsFoundationProps) {
    super(scope, id);
    const { platform, environment } = props;
    const { accountId, region, network } = environment.aws;
    const databricksAccountId = environment.databricksAccountId;
    const partition = awsPartition(region);
    const ref = envRef(platform, environment);
    this.ref = ref;
    this.partition = partition;
    this.environment = environment;
    this.region = region;

    new AwsProvider(this, "aws_provider", {
      region,
      // A credential for another account fails the plan instead of deploying this environment there.
      allowedAccountIds: [environment.aws.accountId],
      defaultTags: [{ tags: { ...platform.tags, environment: environment.name } }],
    });
    this.accountProvider = accountProvider(this, partition, databricksAccountId);

    const accessLogs = new AccessLogBucket(this, "access_logs", { platform, environment, partition, vpcFlowLogs: network !== undefined });
    const replication = props.replication;
    // The role is named after the primary, so both stacks' key policies can name it before it exists.
    const replicationPrimary = replication === undefined ? undefined : replication.role === "source" ? environment : replication.primary;
    const replicationRoleName = replicationPrimary && iamRoleName(envRef(platform, replicationPrimary), "replication");
    this.lake = new LakeStorage(this, "lake", {
      platform,
      environment,
      partition,
      accessLogBucket: accessLogs.bucketName,
      dataAccessRoleArn: this.unityCatalogRoleArn(),
      replicationRoleArn: replicationRoleName && iamRoleArn(partition, accountId, replicationRoleName),
    });
    if (replication?.role === "destination" && replicationRoleName) {
      const primary = replication.primary;
      const primaryRef = envRef(platform, primary);
      new LakeReplication(this, "replication", {
        sourceProvider: new AwsProvider(this, "aws_provider_primary", {
          alias: "primary",
          region: primary.aws.region,
          allowedAccountIds: [accountId],
          defaultTags: [{ tags: { ...platform.tags, environment: environment.name } }],
        }),
        partition,
        accountId,
        sourceRegion: primary.aws.region,
        destinationRegion: region,
        roleName: replicationRoleName,
        sources: Object.fromEntries(LAYERS.map((l) => [l, s3BucketName(primaryRef, l, primary.aws.accountId)])) as Record<Layer, string>,
        destinations: this.lake.buckets,
        destinationKeyArns: Object.fromEntries(LAYERS.map((l) => [l, this.lake.keys[l].arn])) as Record<Layer, string>,
      });
    }

    const flowLogs = { destinationArn: accessLogs.flowLogDestination, bucketPolicy: accessLogs.policy };
    const vpc = network && new WorkspaceNetwork(this, "network", { name: resourceName(ref), region, network, flowLogs });
    const credentials = new CrossAccountCredentials(this, "cross_account", {
      provider: this.accountProvider,
      databricksAccountId,
      accountId,
      region,
      partition,
      roleName: iamRoleName(ref, "cross-account"),
      credentialsName: mwsConfigName(ref, "credentials"),
      network: vpc,
    });
    const keys =
      environment.aws.customerManagedKeys &&
      new WorkspaceKeys(this, "workspace_keys", {
        provider: this.accountProvider,
        databricksAccountId,
        partition,
        accountId,
        region,
        aliases: { managedServices: kmsAliasName(ref, "managed-services"), storage: kmsAliasName(ref, "workspace-storage") },
        crossAccountRoleArn: iamRoleArn(partition, accountId, iamRoleName(ref, "cross-account")),
        description: `${platform.name} ${environment.name}`,
      });
    const privateLink =
      vpc && network && environment.aws.privateLink
        ? new BackendPrivateLink(this, "private_link", {
            provider: this.accountProvider,
            databricksAccountId,
            region,
            name: resourceName(ref),
            network: vpc,
            availabilityZones: network.availabilityZones,
            privateLink: environment.aws.privateLink,
            names: {
              restApi: mwsConfigName(ref, "rest-api-endpoint"),
              relay: mwsConfigName(ref, "relay-endpoint"),
              privateAccess: mwsConfigName(ref, "private-access"),
            },
          })
        : undefined;
    const root = new RootStorage(this, "root_storage", {
      provider: this.accountProvider,
      databricksAccountId,
      partition,
      bucketName: s3BucketName(ref, "root", accountId),
      storageConfigurationName: mwsConfigName(ref, "root-storage"),
      accessLogBucket: accessLogs.bucketName,
      kmsKeyArn: keys ? keys.storageKeyArn : undefined,
    });
    const { workspace } = new AwsWorkspace(this, "workspace", {
      provider: this.accountProvider,
      databricksAccountId,
      region,
      workspaceName: resourceName(ref),
      credentialsId: credentials.credentials.credentialsId,
      storageConfigurationId: root.storageConfiguration.storageConfigurationId,
      network: vpc && { vpc, networkName: mwsConfigName(ref, "network") },
      privateLink,
      customerManagedKeys: keys
        ? { managedServicesKeyId: keys.managedServices.customerManagedKeyId, storageKeyId: keys.storage.customerManagedKeyId }
        : undefined,
    });
    this.workspaceId = Token.asString(workspace.workspaceId);
    this.workspaceUrl = workspace.workspaceUrl;
    this.workspaceProvider = workspaceProvider(this, workspace.workspaceUrl);

    if (platform.auditLogs.enabled) {
      this.auditLogs = new AuditLogDelivery(this, "audit_logs", {
        platform,
        environment,
        partition,
        provider: this.accountProvider,
        accessLogBucket: accessLogs.bucketName,
        workspaceId: workspace.workspaceId,
      });
    }

    const { budgets } = environment.observability;
    new AwsCostBudget(this, "budget", {
      ref,
      budgets,
      recipients: budgets.recipients ?? environment.notifications.emails,
      costAllocationTag: ["environment", environment.name],
    });

    const buckets = this.lake.buckets;
    this.storageNames = Object.fromEntries(LAYERS.map((l) => [l, buckets[l].bucketName])) as Record<Layer, string>;
    this.layerUrls = Object.fromEntries(LAYERS.map((l) => [l, `s3://${buckets[l].bucketName}`])) as Record<Layer, string>;
    this.storageCredentialIdentity = { awsIamRole: { roleArn: this.unityCatalogRoleArn() } };
    this.computeAttributes = awsComputeAttributes(environment.compute);
  }

  /** See UnityCatalogRole for why the role follows the credential. */
  bindStorageCredential(credential: StorageCredential): ITerraformDependable[] {
    const role = new UnityCatalogRole(this, "unity_catalog_role", {
      provider: this.accountProvider,
      accountId: this.environment.aws.accountId,
      partition: this.partition,
      roleName: iamRoleName(this.ref, "unity-catalog"),
      externalId: credential.awsIamRole.externalId,
      unityCatalogIamArn: credential.awsIamRole.unityCatalogIamArn,
      layers: Object.fromEntries(
        LAYERS.map((l) => [l, { bucketName: this.lake.buckets[l].bucketName, kmsKeyArn: this.lake.keys[l].arn }]),
      ) as Record<Layer, { bucketName: string; kmsKeyArn: string }>,
    });
    return [role.ready];
  }

  /** Built from the name, so the storage credential can name the role before it exists. */
  private unityCatalogRoleArn(): string {
    return iamRoleArn(this.partition, this.environment.aws.accountId, iamRoleName(this.ref, "unity-catalog"));
  }
}
