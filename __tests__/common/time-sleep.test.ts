import { TerraformStack, Testing } from "cdktf";
import { TimeSleep } from "../../constructs/common/time-sleep";

describe("TimeSleep", () => {
  it("waits the given duration after its dependencies, through one hashicorp/time provider per stack", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    const first = new TimeSleep(stack, "a", { createDuration: "30s", dependsOn: [] });
    new TimeSleep(stack, "b", { createDuration: "10s", dependsOn: [first] });
    const out = JSON.parse(Testing.synth(stack));
    expect(out.terraform.required_providers.time).toStrictEqual({ source: "hashicorp/time", version: "0.13.1" });
    expect(out.resource.time_sleep.a).toStrictEqual({ create_duration: "30s", provider: "time" });
    expect(out.resource.time_sleep.b).toStrictEqual({ create_duration: "10s", depends_on: ["time_sleep.a"], provider: "time" });
    expect(Object.keys(out.provider.time)).toHaveLength(1);
  });
});
