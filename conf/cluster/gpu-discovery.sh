#!/usr/bin/env bash
# GPU discovery script for the Spark workers of bin/cluster (spark.worker.resource.gpu.discoveryScript).
# There is no GPU here: it only hands out addresses, so executors can be given GPUs by Spark's
# resource scheduling (spark.executor.resource.gpu.amount, spark.task.resource.gpu.amount).
# bin/cluster sets, per worker:
#   SYNTH_GPU_COUNT  how many addresses this worker owns (default 1)
#   SYNTH_GPU_FIRST  its first address (default 0); workers on one host get disjoint addresses,
#                    as a real multi-GPU host would split its devices between workers.
# Output, the format Spark expects (ResourceInformation as JSON):
#   {"name":"gpu","addresses":["0","1"]}
set -euo pipefail
count="${SYNTH_GPU_COUNT:-1}"
first="${SYNTH_GPU_FIRST:-0}"
addresses=""
for ((i = first; i < first + count; i++)); do
  addresses="${addresses:+$addresses,}\"$i\""
done
printf '{"name":"gpu","addresses":[%s]}\n' "$addresses"
