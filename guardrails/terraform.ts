/** Reading synthesized configuration from constructs, for rules that relate one resource to another. */
import { DefaultTokenResolver, StringConcat, TerraformDataSource, TerraformResource, TerraformStack, Tokenization } from "cdktf";
import type { IConstruct } from "constructs";

type Element = TerraformResource | TerraformDataSource;

const resolver = new DefaultTokenResolver(new StringConcat());

/** Resolves tokens as synth does: a reference becomes its "${type.name.attr}" expression. */
export function resolve(node: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, { scope: node, resolver });
}

/** The Terraform address of a resource or data source: `aws_s3_bucket.x` or `data.aws_iam_policy_document.x`. */
export function address(element: Element): string {
  const prefix = element instanceof TerraformDataSource ? "data." : "";
  return `${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}`;
}

/** Whether a (resolved) attribute value references the element, e.g. `bucket = aws_s3_bucket.x.id`. */
export function refersTo(node: IConstruct, value: unknown, element: Element): boolean {
  const resolved = resolve(node, value);
  return typeof resolved === "string" && resolved.includes(`\${${address(element)}.`);
}

/** Every construct of a class in the node's stack. */
export function inStack<T extends IConstruct>(node: IConstruct, type: abstract new (...args: never[]) => T): T[] {
  return TerraformStack.of(node).node.findAll().filter((c): c is T => c instanceof type);
}
