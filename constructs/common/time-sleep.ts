/**
 * A minimal hand-written binding for hashicorp/time's `time_sleep`. There is no prebuilt cdktf
 * provider for it and no registry here to generate one; we need exactly one resource with one
 * argument, so two small classes beat a generated package.
 *
 * Why a sleep at all: cloud IAM is eventually consistent. A role or role assignment that exists is
 * not yet usable by Databricks for a few seconds, and the first apply fails while it propagates.
 */
import { TerraformProvider, TerraformResource, TerraformStack, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

/** Exact, like the prebuilt providers' versions: the committed lock files pin what a plan may use. */
export const TIME_PROVIDER_VERSION = "0.13.1";

export class TimeProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: "time",
      terraformGeneratorMetadata: { providerName: "time", providerVersionConstraint: TIME_PROVIDER_VERSION },
      terraformProviderSource: "hashicorp/time",
    });
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return {};
  }
}

export interface TimeSleepProps {
  /** How long to wait after the dependencies are created, e.g. "30s". */
  readonly createDuration: string;
  /** What to wait for. */
  readonly dependsOn: ITerraformDependable[];
}

export class TimeSleep extends TerraformResource {
  private readonly createDuration: string;

  constructor(scope: Construct, id: string, props: TimeSleepProps) {
    super(scope, id, {
      terraformResourceType: "time_sleep",
      terraformGeneratorMetadata: { providerName: "time", providerVersionConstraint: TIME_PROVIDER_VERSION },
      provider: timeProvider(scope),
      dependsOn: props.dependsOn.length > 0 ? props.dependsOn : undefined,
    });
    this.createDuration = props.createDuration;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { create_duration: this.createDuration };
  }
}

/** One time provider per stack, created on first use. */
function timeProvider(scope: Construct): TimeProvider {
  const stack = TerraformStack.of(scope);
  return (stack.node.tryFindChild("time") as TimeProvider | undefined) ?? new TimeProvider(stack, "time");
}
