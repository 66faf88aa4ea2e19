import type { Platform } from "../schema";
import type { Problem } from "../problem";
import { didYouMean } from "../suggest";
import type { SpecRule } from "./rule";

/** AWS regions (commercial, GovCloud, China) as of 2026; a closed list, like Azure's. */
export const AWS_REGIONS: ReadonlySet<string> = new Set([
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2",
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1",
  "me-central-1", "mx-central-1", "sa-east-1", "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
]);

/** S3 bucket naming rules (general purpose buckets). Returns what is wrong, or null. */
export function s3BucketNameError(name: string): string | null {
  if (name.length < 3 || name.length > 63) return `a bucket name is 3-63 characters; this one has ${name.length}`;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return "a bucket name is lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit";
  if (name.includes("..") || name.includes(".-") || name.includes("-.")) return "a bucket name has no two adjacent dots, and no dot next to a hyphen";
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(name)) return "a bucket name must not look like an IP address";
  if (/^(?:xn--|sthree-|amzn-s3-demo-)/.test(name) || /(?:-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return "a bucket name must not use a prefix or suffix S3 reserves (xn--, sthree-, -s3alias, --ol-s3, ...)";
  return null;
}

/** DynamoDB table names: 3-255 characters of a-z, A-Z, 0-9, _, - and . */
const DYNAMODB_TABLE = /^[A-Za-z0-9_.-]{3,255}$/;

function checkRegion(region: string, path: string): Problem[] {
  return AWS_REGIONS.has(region) ? [] : [{ path, value: region, message: `expected an AWS region${didYouMean(region, AWS_REGIONS)}, e.g. eu-west-1, us-east-1, ap-southeast-2` }];
}

function checkLockTable(table: string | undefined, path: string): Problem[] {
  if (table === undefined || DYNAMODB_TABLE.test(table)) return [];
  return [{ path, value: table, message: "a DynamoDB table name is 3-255 characters of letters, digits, _, - and ." }];
}

/** Regions are real, zones lie in the (real) region, and the state backend's bucket and table have names AWS accepts. */
export const awsRules: SpecRule = (p: Platform) =>
  p.environments.flatMap((env, i): Problem[] => {
    if (env.cloud !== "aws") return [];
    const at = `environments[${i}].aws`;
    const bucketError = s3BucketNameError(env.aws.state.bucket);
    return [
      ...checkRegion(env.aws.region, `${at}.region`),
      ...(env.aws.state.region === undefined ? [] : checkRegion(env.aws.state.region, `${at}.state.region`)),
      // Zones are checked against a real region only: an unknown one is one problem, not one per zone.
      ...(AWS_REGIONS.has(env.aws.region) ? (env.aws.network?.availabilityZones ?? []) : []).flatMap((zone, k) =>
        new RegExp(`^${env.aws.region}[a-z]$`).test(zone) ? [] : [{ path: `${at}.network.availabilityZones[${k}]`, value: zone, message: `expected a zone of ${env.aws.region}, e.g. ${env.aws.region}a` }],
      ),
      ...(bucketError ? [{ path: `${at}.state.bucket`, value: env.aws.state.bucket, message: bucketError }] : []),
      ...checkLockTable(env.aws.state.dynamodbTable, `${at}.state.dynamodbTable`),
    ];
  });
