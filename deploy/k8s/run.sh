#!/usr/bin/env bash
# Runs the tile job on the current kubectl context: the shared volume, the Indexed Job, and when it is complete
# the merge Job. The map file and its inputs must already be on the volume under /work/map (volume.yaml).
# usage: deploy/k8s/run.sh [TIMEOUT, default 24h]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
timeout=${1:-24h}
kubectl apply -f "$here/volume.yaml"
kubectl apply -f "$here/tiles-job.yaml"
kubectl wait --for=condition=complete job/covermap-tiles --timeout="$timeout"
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete job/covermap-merge --timeout="$timeout"
