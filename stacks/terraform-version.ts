import type { TerraformStack } from "cdktf";

/** The one Terraform CI installs (.github/actions/prepare); S3-native locking needs >= 1.10. */
export const TERRAFORM_VERSION = "1.11.4";

/**
 * Every stack accepts only the CI pin's minor line: a newer binary on a laptop cannot upgrade the
 * shared state format under CI's feet, and an older one cannot misread `use_lockfile`.
 */
export const REQUIRED_TERRAFORM_VERSION = "~> 1.11.0";

export function pinTerraformVersion(stack: TerraformStack): void {
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
}
