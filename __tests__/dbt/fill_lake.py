"""Fills the dbt suite's lake (argv[1]): one example's pipeline (LAKEHOUSE_SPEC, else the retail
one) run once on the harness over its first sample batch, which builds silver and the SQL engine's
gold. The gold tables are then moved to the `expected` schema, for dbt to build gold afresh from the
same silver, and the example's dbt project is written to <lake>/dbt-<name>.

Run in a process of its own (the suite's Derby metastore admits one process at a time), with
PYSPARK_SUBMIT_ARGS from metastore.submit_args so the harness's session uses that metastore.
"""

import json
import shutil
import sys
from pathlib import Path

from lakehouse_harness.pipeline import LocalPipeline
from lakehouse_harness.spark import spark_session

EXPECTED = "expected"


def main(work: Path, name: str, batch: Path) -> None:
    spark = spark_session(work / "warehouse", f"dbt-suite-{name}")
    pipeline = LocalPipeline(spark, work / f"lake-{name}", work / f"notebooks-{name}")
    # The batch's folders as the example's sources name them (logistics nests one: tracking/deliveries).
    shutil.copytree(batch, pipeline.landing, dirs_exist_ok=True)
    pipeline.run()
    spark.sql(f"CREATE SCHEMA IF NOT EXISTS {EXPECTED}")
    for table in pipeline.plan["gold"]:
        spark.sql(f"CREATE TABLE {EXPECTED}.{table} USING delta AS SELECT * FROM gold.{table}")
        spark.sql(f"DROP TABLE gold.{table}")
    project = work / f"dbt-{name}"
    for path, content in pipeline.plan["dbtProject"].items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(content)
    (work / f"gold-{name}.json").write_text(json.dumps(pipeline.plan["gold"]))
    spark.stop()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
