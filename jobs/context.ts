/** The widget defaults: the dev environment's context, so an interactive run targets dev. */
import * as naming from "../naming";
import { layerRootUrl } from "../naming/pipeline";
import { LAYERS, type Layer, type Platform } from "../platform";
import type { PipelineContext } from "./plan";

export function devContext(platform: Platform): PipelineContext {
  const env = platform.environments.find((e) => e.name === "dev") ?? platform.environments[0];
  const ref = naming.envRef(platform, env);
  return {
    catalog: naming.catalogName(ref),
    layerUrls: Object.fromEntries(LAYERS.map((l) => [l, layerRootUrl(ref, env, l)])) as Record<Layer, string>,
    onDatabricks: true,
    retentionDays: env.retentionDays,
  };
}
