#!/usr/bin/env bash
# Queues a tile pyramid on a Slurm cluster as N shares (a job array of tiles.sbatch) and the merge that joins
# them (merge.sbatch, after every share succeeded). Prints the two job ids: "ARRAY_ID MERGE_ID".
# usage: deploy/slurm/submit.sh MAP.yaml ZOOM N PARTS OUT [covermap tiles flags, e.g. --format mvt]
#   env COVERMAP (the covermap binary on the nodes), SBATCH_FLAGS (extra sbatch flags for both jobs, e.g.
#   "--partition=batch --cpus-per-task=8"; each share then uses that many threads).
set -euo pipefail

usage="usage: submit.sh MAP.yaml ZOOM N PARTS OUT [tiles flags...]"
map=$(realpath "${1:?$usage}")
zoom=${2:?$usage}
count=${3:?$usage}
parts=$(realpath -m "${4:?$usage}")
out=$(realpath -m "${5:?$usage}")
shift 5
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2086 # SBATCH_FLAGS is a list of flags
array=$(sbatch --parsable ${SBATCH_FLAGS:-} --array=0-$((count - 1)) "$here/tiles.sbatch" "$map" "$zoom" "$parts" "$@")
array=${array%%;*}  # "id;cluster" on a multi-cluster setup
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_FLAGS:-} --dependency=afterok:"$array" "$here/merge.sbatch" "$parts" "$count" "$out")
echo "${array} ${merge%%;*}"
