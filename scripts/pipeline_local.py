"""`npm run pipeline:local`: a platform's pipeline on local Spark over a sample data folder, one job run per
batch folder in it (sorted), printing each task's start, end and duration as it goes and, after each run,
a table per layer (rows, quarantined rows by rule).

Usage: pipeline_local.py [--data DIR] [LAKE_ROOT]
  --data DIR   a folder of batch folders, each holding one folder per dataset (default: the example's samples)
  LAKEHOUSE_SPEC / LAKEHOUSE_STACK pick another platform and its synth output (see local_pipeline.py).
"""

import argparse
import tempfile
import time
from pathlib import Path

from local_pipeline import (
    REPO,
    LocalPipeline,
    print_layer_tables,
    print_progress_end,
    print_progress_start,
    spark_session,
)

SAMPLES = REPO / "__tests__" / "pipeline" / "data"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=SAMPLES)
    parser.add_argument("root", type=Path, nargs="?")
    args = parser.parse_args()
    root = args.root or Path(tempfile.mkdtemp(prefix="lakehouse-local-"))
    spark = spark_session(root / "warehouse")
    pipeline = LocalPipeline(spark, root)
    print(f"lake: {root}  notebooks: {pipeline.notebook_source}")
    batches = [b for b in sorted(args.data.iterdir()) if b.is_dir() and b.name.startswith("batch")]
    for batch in batches:
        pipeline.land(batch)
        print(f"\n{batch.name}:")
        started = time.perf_counter()
        run_id = pipeline.run(on_start=print_progress_start, on_task=print_progress_end)
        print(f"\n{batch.name} ({run_id}): {time.perf_counter() - started:.1f} s")
        print_layer_tables(pipeline)
    spark.stop()


if __name__ == "__main__":
    main()
