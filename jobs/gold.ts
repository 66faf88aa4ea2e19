/**
 * The gold notebook of one aggregate. Gold is replaced whole (CREATE OR REPLACE ... AS SELECT, one
 * Delta transaction): readers see the old or the new table, vanished groups disappear, and a rerun
 * writes the same rows. It is rebuilt only when an input silver table has new data since the last
 * build, which the table records in a property; a run without new data writes nothing.
 */
import * as naming from "../naming";
import type { GoldAggregateSpec, Platform } from "../platform";
import { goldInputs, goldQuery, outputName } from "./gold-query";
import { type Cell, code, markdown } from "./notebook";
import { pyFStr, pyStr } from "./python";
import { propertiesClause, tableProperties } from "./tables";
import { catalogWidget, type Widget } from "./widgets";

export const goldWidgets = (): Widget[] => [catalogWidget];

/** Table property holding the input versions gold was built from. */
export const INPUT_VERSIONS_PROPERTY = "lakehouse.input_versions";

/** Commits that change no rows: maintenance does not make gold stale. */
export const MAINTENANCE_OPERATIONS = ["OPTIMIZE", "VACUUM START", "VACUUM END"];

export function goldNotebook(g: GoldAggregateSpec, platform: Platform, widgetsCell: Cell): Cell[] {
  const clusterBy = g.clusterBy ?? g.groupBy.map(outputName);
  return [
    markdown(`# Gold: ${g.name}`, ...(g.description ? [g.description] : []), "", `Rebuilt from silver when its inputs changed; clustered by ${clusterBy.join(", ")}.`),
    code((w) => w.lines(["import json", "", "from pyspark.sql import functions as F"])),
    widgetsCell,
    code((w) => {
      w.line(`TARGET = ${pyFStr(naming.qualified("{CATALOG}", "gold", naming.goldTable(g)))}`);
      w.list(
        "INPUTS = {",
        goldInputs(g).map((name) => `${pyStr(name)}: ${pyFStr(naming.qualified("{CATALOG}", "silver", naming.silverTable({ name })))}`),
        "}",
      );
      w.line(`MAINTENANCE_OPERATIONS = [${MAINTENANCE_OPERATIONS.map(pyStr).join(", ")}]`);
      w.line('QUERY = """');
      w.lines(goldQuery(g, platform));
      w.line('"""');
    }),
    markdown("## Inputs changed since the last build?"),
    code((w) => {
      w.block("def data_version(table):", (b) => {
        b.line('"""The table\'s last version that changed rows."""');
        b.line('history = spark.sql(f"DESCRIBE HISTORY {table}")');
        b.line('return history.where(~F.col("operation").isin(*MAINTENANCE_OPERATIONS)).agg(F.max("version")).first()[0]');
      });
      w.line();
      w.line();
      w.line("versions = json.dumps({name: data_version(table) for name, table in INPUTS.items()}, sort_keys=True)");
      w.line("up_to_date = (");
      w.indented((i) => {
        i.line("spark.catalog.tableExists(TARGET)");
        i.line(`and spark.sql(f"SHOW TBLPROPERTIES {TARGET} ('${INPUT_VERSIONS_PROPERTY}')").first()["value"] == versions`);
      });
      w.line(")");
    }),
    markdown("## Replace"),
    code((w) => {
      w.block("if up_to_date:", (b) => b.line('print(f"{TARGET} is up to date with {versions}")'));
      w.block("else:", (b) => {
        b.line("spark.sql(");
        b.indented((i) => {
          i.line('f"""');
          i.line("CREATE OR REPLACE TABLE IDENTIFIER(:target)");
          i.line("USING DELTA");
          i.line(`CLUSTER BY (${clusterBy.join(", ")})`);
          propertiesClause(i, { ...tableProperties(false), [INPUT_VERSIONS_PROPERTY]: "{versions}" });
          i.line('AS {QUERY}""",');
          i.line('args={"target": TARGET, **INPUTS},');
        });
        b.line(")");
      });
    }),
  ];
}
