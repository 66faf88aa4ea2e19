"""The local harness: what a Databricks cluster and the Jobs service provide to the generated
notebooks (a SparkSession with Delta, dbutils widgets, a job run of the synthesized job), on one
machine. It holds no pipeline logic: that is the runtime's (runtime/), names and parameters the
TypeScript plan's, the job's shape the synth output's.
"""
