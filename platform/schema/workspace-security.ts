import { z } from "zod";

/** One IP access list: the workspace admits (allow) or refuses (block) these addresses. */
export const ipAccessListSchema = z.strictObject({
  /** Unique label of the list in the workspace, e.g. "office". */
  label: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, "expected a lower-case label: letter first, then a-z, 0-9 or -"),
  action: z.enum(["allow", "block"]),
  /** IPv4 addresses or CIDR blocks, e.g. "203.0.113.0/24". */
  cidrs: z.array(z.string().regex(/^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/, 'expected an IPv4 address or CIDR such as "203.0.113.0/24"')).min(1),
});
export type IpAccessListSpec = z.output<typeof ipAccessListSchema>;

/**
 * Workspace hardening, as the Databricks security reference architecture sets it. Everything that
 * moves data out of the workspace is off unless the spec allows it.
 */
export const workspaceSecuritySchema = z.strictObject({
  /** Users may download notebook and query results. @default false */
  allowResultsDownload: z.boolean().default(false),
  /** The DBFS file browser in the UI. @default false */
  allowDbfsFileBrowser: z.boolean().default(false),
  /** Users may export notebooks. @default false */
  allowNotebookExport: z.boolean().default(false),
  /** The longest lifetime of a new personal access token, in days (1-730). @default 90 */
  maxTokenLifetimeDays: z.number().int().min(1).max(730).default(90),
  /** IP access lists; none means the workspace admits every address its network lets through. @default [] */
  ipAccessLists: z.array(ipAccessListSchema).default([]),
  /**
   * The compliance security profile with these standards (e.g. ["HIPAA", "PCI_DSS"]); it also turns
   * on enhanced security monitoring and, on Azure, automatic cluster updates. Cannot be turned off
   * once on. @default off
   */
  complianceSecurityProfile: z
    .strictObject({ standards: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'expected a standard such as "HIPAA"')).default([]) })
    .optional(),
  /** Enhanced security monitoring (hardened images, antivirus, file integrity monitoring). @default false */
  enhancedSecurityMonitoring: z.boolean().default(false),
});
export type WorkspaceSecuritySpec = z.output<typeof workspaceSecuritySchema>;

/** The hardening every environment gets when its spec says nothing. */
export const DEFAULT_WORKSPACE_SECURITY: WorkspaceSecuritySpec = {
  allowResultsDownload: false,
  allowDbfsFileBrowser: false,
  allowNotebookExport: false,
  maxTokenLifetimeDays: 90,
  ipAccessLists: [],
  enhancedSecurityMonitoring: false,
};

/** Environment fields of the hardening model, spread into the environment schema. */
export const environmentSecurityFields = {
  /** Workspace hardening settings. @default DEFAULT_WORKSPACE_SECURITY */
  security: workspaceSecuritySchema.default(DEFAULT_WORKSPACE_SECURITY),
} as const;

/** A Databricks regional VPC endpoint service name, e.g. com.amazonaws.vpce.eu-west-1.vpce-svc-0da6ebf1461278016. */
const endpointServiceName = z
  .string()
  .regex(/^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]+$/, "expected a VPC endpoint service name such as com.amazonaws.vpce.eu-west-1.vpce-svc-0da6ebf1461278016");

/**
 * Back-end Private Link (SRA): clusters reach the REST API and the secure cluster connectivity relay
 * through interface endpoints in their own subnets, and STS and Kinesis through AWS endpoints.
 */
export const awsPrivateLinkSchema = z.strictObject({
  /** Databricks' workspace (REST API) endpoint service of the region (Databricks documents one per region). */
  workspaceServiceName: endpointServiceName,
  /** Databricks' secure cluster connectivity relay endpoint service of the region. */
  relayServiceName: endpointServiceName,
  /** One subnet per availability zone (in network.availabilityZones order) for the endpoints. */
  endpointSubnetCidrs: z.array(z.string()).min(1),
  /** Whether the workspace front end stays reachable from the internet (front-end Private Link is not built here). @default true */
  publicAccess: z.boolean().default(true),
});
export type AwsPrivateLinkSpec = z.output<typeof awsPrivateLinkSchema>;

/** AWS environment fields of the SRA model, spread into the AWS environment schema. */
export const awsSecurityFields = {
  /**
   * Customer-managed KMS keys for the workspace's managed services (notebooks, secrets, queries) and
   * its storage (root bucket, cluster EBS volumes); the root bucket then uses SSE-KMS. @default false
   */
  customerManagedKeys: z.boolean().default(false),
  /** Back-end Private Link; needs network. @default none: clusters reach the control plane over the NAT */
  privateLink: awsPrivateLinkSchema.optional(),
} as const;
