"""`npm run pipeline:local`: the example platform's pipeline on local Spark over the sample landing
files (batch 1, then batch 2), printing each table's row count after each run."""

import sys
import tempfile
import time
from pathlib import Path

from local_pipeline import REPO, LocalPipeline, spark_session

SAMPLES = REPO / "__tests__" / "pipeline" / "data"


def main():
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="lakehouse-local-"))
    spark = spark_session(root / "warehouse")
    pipeline = LocalPipeline(spark, root)
    print(f"lake: {root}  notebooks: {pipeline.notebook_source}")
    for batch in ("batch1", "batch2"):
        pipeline.land(SAMPLES / batch)
        started = time.perf_counter()
        run_id = pipeline.run(on_task=lambda task, seconds: print(f"  ✓ {task['taskKey']:<22} {seconds:6.1f} s", flush=True))
        print(f"\n{batch} ({run_id}, {time.perf_counter() - started:.1f} s):")
        for table, count in pipeline.counts().items():
            print(f"  {table:<32} {count:>6}")
    spark.stop()


if __name__ == "__main__":
    main()
