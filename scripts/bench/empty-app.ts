// The floor: an empty cdktf app with one empty stack, synthesized the way main.ts is.
import { App, TerraformStack } from "cdktf";

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new TerraformStack(app, "empty");
app.synth();
