/**
 * naming.lakeLayerUrl, the plain-text URL the Airflow DAGs watch, is the URL the stacks give each layer's external
 * location, references to the Azure container and account resolved to their names.
 */
import { retailPlatform } from "../../examples/retail";
import * as naming from "../../naming";
import { LAYERS, validatePlatform } from "../../platform";
import { type StackJson, synthStacks } from "./example-stacks";

const platform = validatePlatform(retailPlatform);
const stacks = synthStacks(retailPlatform);
const resolved = (stack: StackJson, text: string) =>
  text.replace(/\$\{([a-z_]+)\.([A-Za-z0-9_]+)\.name\}/g, (_, type: string, id: string) => String(stack.resource[type][id].name));

describe("naming.lakeLayerUrl", () => {
  it.each(platform.environments.map((e) => [naming.stackName(e), e] as const))("is each layer's external location URL in %s", (name, environment) => {
    const stack = stacks.get(name) as StackJson;
    const locations = Object.values(stack.resource.databricks_external_location);
    const ref = naming.envRef(platform, environment);
    expect(LAYERS.map((layer) => resolved(stack, String(locations.find((l) => l.name === naming.externalLocationName(ref, layer))?.url)))).toStrictEqual(
      LAYERS.map((layer) => naming.lakeLayerUrl(ref, environment, layer)),
    );
  });

  it("gives the file arrival trigger the landing URL with one trailing /", () => {
    expect([naming.fileArrivalUrl("s3://rtl-dev-landing-1"), naming.fileArrivalUrl("abfss://landing@a.dfs.core.windows.net/")]).toStrictEqual([
      "s3://rtl-dev-landing-1/",
      "abfss://landing@a.dfs.core.windows.net/",
    ]);
  });
});
