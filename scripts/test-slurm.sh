#!/usr/bin/env bash
# `make test-slurm`: a one-node Slurm cluster on this machine (Debian's slurmctld, slurmd and munge, a
# slurm.conf for localhost with 2 CPUs, everything under a temporary folder), the county-free example pyramid
# submitted with deploy/slurm/submit.sh as a 3-task job array plus the merge queued after it
# (--dependency=afterok), and the merged archive compared byte for byte with a single `covermap tiles` run.
# Then a share is made to fail and the merge must not run. The daemons are stopped on every exit.
# Exit 0: passed; 1: failed; 77: skipped (no Slurm or munge here, or not root: the daemons run as root).
# usage: scripts/test-slurm.sh [COVERMAP]   env: ZOOM=0-6, SHARDS=3
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
covermap=$(realpath -m "${1:-$root/build/app/covermap}")
zoom=${ZOOM:-0-6}
shards=${SHARDS:-3}
map=$root/tests/data/children-reached.yaml

skip() { echo "test-slurm: skipped: $*"; exit 77; }
fail() { echo "test-slurm: FAILED: $*" >&2; exit 1; }
[[ -x "$covermap" ]] || fail "no covermap at $covermap (make build)"
for tool in slurmctld slurmd sbatch squeue scontrol munged; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || skip "$tool is not installed (scripts/install-deps.sh --slurm)"
done
[[ $(id -u) -eq 0 ]] || skip "the daemons of a one-node cluster run as root here"
[[ -r /etc/munge/munge.key ]] || skip "no munge key (/etc/munge/munge.key)"

tmp=$(mktemp -d /tmp/covermap-slurm.XXXXXX)
chmod 755 "$tmp"
pids=()
stop() {
  for pid_file in "$tmp/slurmd.pid" "$tmp/slurmctld.pid" "$tmp/munge/munged.pid"; do
    [[ -s "$pid_file" ]] && kill "$(cat "$pid_file")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$tmp"
}
trap stop EXIT
started=$(date +%s)

# munge on its own socket, so that a munged already running here is left alone.
mkdir -p "$tmp/munge"
chown munge:munge "$tmp/munge"
chmod 755 "$tmp/munge"
runuser -u munge -- /usr/sbin/munged --socket="$tmp/munge/socket" --pid-file="$tmp/munge/munged.pid" \
  --log-file="$tmp/munge/munged.log" --seed-file="$tmp/munge/seed" ||
  skip "munged does not start: $(tail -1 "$tmp/munge/munged.log" 2>/dev/null)"

node=$(hostname -s)
mkdir -p "$tmp/spool" "$tmp/state" "$tmp/work"
cat >"$tmp/slurm.conf" <<CONF
ClusterName=covermap-test
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/socket
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
SlurmctldPort=26817
SlurmdPort=26818
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
MinJobAge=600
NodeName=$node CPUs=2 RealMemory=4000 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$tmp/slurm.conf
/usr/sbin/slurmctld -f "$SLURM_CONF" || skip "slurmctld does not start: $(tail -2 "$tmp/slurmctld.log" 2>/dev/null)"
/usr/sbin/slurmd -f "$SLURM_CONF" || skip "slurmd does not start: $(tail -2 "$tmp/slurmd.log" 2>/dev/null)"
for _ in $(seq 60); do
  [[ $(sinfo -h -o %T 2>/dev/null) == idle* ]] && break
  sleep 0.5
done
[[ $(sinfo -h -o %T 2>/dev/null) == idle* ]] || skip "the node did not come up: $(sinfo -h 2>&1 | head -1)"
echo "test-slurm: a one-node cluster is up ($(($(date +%s) - started)) s)"

# State of a job (of every task of an array: the first that is not COMPLETED, else COMPLETED).
job_state() {
  scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | sort -u |
    awk '$0 != "COMPLETED" { other = $0 } END { print other ? other : (NR ? "COMPLETED" : "UNKNOWN") }'
}
wait_for() {  # a job id: waits until it has left the queue, up to 120 s
  for _ in $(seq 240); do
    [[ -z $(squeue -h -j "$1" 2>/dev/null) ]] && return 0
    sleep 0.5
  done
  fail "job $1 still queued after 120 s: $(squeue -j "$1" 2>&1 | tail -1)"
}

export COVERMAP=$covermap
cd "$tmp/work"
read -r array merge < <(SBATCH_FLAGS="--chdir=$tmp/work" "$root/deploy/slurm/submit.sh" "$map" "$zoom" "$shards" \
  "$tmp/work/parts" "$tmp/work/merged/tiles.pmtiles")
echo "test-slurm: submitted the array $array ($shards shares) and the merge $merge"
wait_for "$array"
wait_for "$merge"
[[ $(job_state "$array") == COMPLETED ]] || fail "the array ended $(job_state "$array"): $(cat "$tmp"/work/covermap-tiles-*.log)"
[[ $(job_state "$merge") == COMPLETED ]] || fail "the merge ended $(job_state "$merge"): $(cat "$tmp"/work/covermap-merge-*.log)"
mkdir -p "$tmp/work/one"
"$covermap" tiles "$map" -o "$tmp/work/one/tiles.pmtiles" --zoom "$zoom" >/dev/null
cmp "$tmp/work/one/tiles.pmtiles" "$tmp/work/merged/tiles.pmtiles" ||
  fail "the archive merged on Slurm differs from a single run"
cmp "$tmp/work/one/tiles.pmtiles.json" "$tmp/work/merged/tiles.pmtiles.json" ||
  fail "the TileJSON merged on Slurm differs from a single run's"
echo "test-slurm: $shards shares on Slurm + merge == one run, byte for byte"

# A share that fails (covermap refuses --format nonsense) holds the merge back: afterok is never met.
read -r array merge < <(SBATCH_FLAGS="--chdir=$tmp/work" "$root/deploy/slurm/submit.sh" "$map" "$zoom" 2 \
  "$tmp/work/bad-parts" "$tmp/work/bad/tiles.pmtiles" --format nonsense)
wait_for "$array"
for _ in $(seq 20); do
  state=$(job_state "$merge")
  [[ $state == PENDING || $state == RUNNING ]] || break
  sleep 0.5
done
[[ ! -e "$tmp/work/bad/tiles.pmtiles" ]] || fail "the merge ran although its shares failed"
echo "test-slurm: a failed share keeps the merge from running (merge job $(job_state "$merge"))"
echo "test-slurm: passed in $(($(date +%s) - started)) s"
