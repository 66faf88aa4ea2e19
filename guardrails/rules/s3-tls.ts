import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { IConstruct } from "constructs";
import { rule } from "../rule";
import { inStack, refersTo, resolve } from "../terraform";
import { companions } from "./s3-bucket-of";

interface JsonStatement {
  readonly Effect?: string;
  readonly Condition?: { readonly Bool?: Record<string, unknown> };
}

const deniesPlainHttp = (s: DataAwsIamPolicyDocumentStatement) =>
  s.effect === "Deny" &&
  ((s.condition ?? []) as { test: string; variable: string; values: string[] }[]).some(
    (c) => c.test === "Bool" && c.variable === "aws:SecureTransport" && c.values.length === 1 && c.values[0] === "false",
  );

const jsonDeniesPlainHttp = (s: JsonStatement) => s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false";

/** Whether a bucket policy's document (a policy-document data source or inline JSON) denies non-TLS requests. */
function policyDeniesPlainHttp(node: IConstruct, policy: S3BucketPolicy): boolean {
  const document = inStack(node, DataAwsIamPolicyDocument).find((d) => refersTo(node, policy.policyInput, d));
  if (document) return ((resolve(node, document.statementInput) ?? []) as DataAwsIamPolicyDocumentStatement[]).some(deniesPlainHttp);
  try {
    const parsed = JSON.parse(String(resolve(node, policy.policyInput))) as { Statement?: JsonStatement | JsonStatement[] };
    return [parsed.Statement ?? []].flat().some(jsonDeniesPlainHttp);
  } catch {
    return false;
  }
}

/** Data in transit is always encrypted: the bucket refuses any request made without TLS. */
export const s3Tls = rule("LH-S3-TLS", (node) => {
  if (!(node instanceof S3Bucket)) return undefined;
  const tlsOnly = companions(node, S3BucketPolicy).some((policy) => policyDeniesPlainHttp(node, policy));
  return tlsOnly
    ? []
    : ['add an S3BucketPolicy for this bucket with a Deny statement on condition Bool "aws:SecureTransport" = "false"'];
});
