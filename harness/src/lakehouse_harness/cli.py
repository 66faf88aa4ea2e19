"""`npm run pipeline:local` (python -m lakehouse_harness): a platform's pipeline on local Spark over a
sample data folder, one job run per batch folder in it (sorted), printing each task's start, end and
state as it goes and, after each run, every task's outcome and a table per layer. The notebooks run
through Spark Connect, as on a standard access mode cluster (spark.py).
LAKEHOUSE_SPEC / LAKEHOUSE_STACK pick another platform and its synth output.
"""

import argparse
import tempfile
import time
from pathlib import Path

from .pipeline import REPO, LocalPipeline
from .report import print_end, print_layer_tables, print_start, print_summary
from .spark import connect_session, spark_session

SAMPLES = REPO / "__tests__" / "pipeline" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lakehouse-local", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=SAMPLES, help="a folder of batch folders, each holding one folder per dataset")
    parser.add_argument("--max-workers", type=int, default=None, help="tasks running at once (default: the job DAG's width)")
    parser.add_argument("root", type=Path, nargs="?", help="the lake folder (default: a new temporary folder)")
    args = parser.parse_args(argv)
    root = args.root or Path(tempfile.mkdtemp(prefix="lakehouse-local-"))
    server = spark_session(root / "warehouse")
    try:
        with connect_session(server) as spark:
            return run_batches(LocalPipeline(spark, root, max_workers=args.max_workers), root, args.data)
    finally:
        server.stop()


def run_batches(pipeline: LocalPipeline, root: Path, data: Path) -> int:
    """One job run per batch folder of `data`; 1 at the first run that failed."""
    print(f"lake: {root}  notebooks: {pipeline.notebook_source}")
    for key, reason in pipeline.not_run.items():
        print(f"not run locally: {key}: {reason}")
    for batch in [b for b in sorted(data.iterdir()) if b.is_dir() and b.name.startswith("batch")]:
        pipeline.land(batch)
        print(f"\n{batch.name}:")
        started = time.perf_counter()
        run = pipeline.run(on_start=print_start, on_end=print_end, check=False)
        print(f"\n{batch.name} ({run.run_id}): {time.perf_counter() - started:.1f} s")
        print_summary(run)
        if not run.succeeded:
            return 1
        print_layer_tables(pipeline)
    return 0
