#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A single-node Slurm cluster on localhost, for tests: everything under one directory.
#
#   scripts/slurm_local.sh start DIR   munge key, slurm.conf and state under DIR; starts munged,
#                                      slurmctld and slurmd as daemons with that configuration
#                                      and waits until the node takes jobs. Prints the line
#                                      `export SLURM_CONF=DIR/slurm.conf` the clients need.
#   scripts/slurm_local.sh stop DIR    stops the three daemons by the PIDs in DIR/*.pid
#   scripts/slurm_local.sh check       exit 0 when a cluster can be started here, else prints
#                                      why and exits 77 (the tests' SKIP code)
#
# From the Debian packages (scripts/deps.sh slurm): slurm-wlm and munge. No systemd, no cgroups:
# select/cons_tres, proctrack/linuxproc, task/none, jobacct_gather/none. Needs root (slurmd runs
# jobs as their owner; munged and slurmd run as the caller). Ports are picked free at start, so
# several clusters (one per test run) can live on one machine.
set -euo pipefail

die() { echo "slurm_local.sh: $*" >&2; exit 1; }
skip() { echo "slurm_local.sh: cannot start Slurm here: $*" >&2; exit 77; }

check() {
  [ "$(id -u)" -eq 0 ] || skip "needs root (slurmd runs jobs as their user; run as root or in CI)"
  local c
  for c in munged slurmctld slurmd sbatch squeue scontrol; do
    command -v "$c" >/dev/null || skip "'$c' is not installed (scripts/deps.sh slurm installs it)"
  done
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

start() {
  local dir=$1
  check
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ ! -e "$dir/slurmctld.pid" ] || die "$dir already holds a cluster (stop it first)"
  mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
  chmod 0700 "$dir/munge"
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 0400 "$dir/munge/munge.key"
  munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
    --pid-file="$dir/munge.pid" --log-file="$dir/log/munged.log" \
    --seed-file="$dir/munge/munged.seed" ||
    die "munged did not start: $(tail -3 "$dir/log/munged.log" 2>/dev/null)"

  local host ctld_port slurmd_port cpus
  host=$(hostname -s)
  ctld_port=$(free_port)
  slurmd_port=$(free_port)
  while [ "$slurmd_port" = "$ctld_port" ]; do slurmd_port=$(free_port); done
  cpus=$(nproc)
  cat >"$dir/slurm.conf" <<EOF
# Written by scripts/slurm_local.sh: a single-node cluster for tests.
ClusterName=irqvtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/slurmd-%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
MaxArraySize=10001
MinJobAge=300
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF=$dir/slurm.conf
  slurmctld -c -f "$dir/slurm.conf" ||
    { stop "$dir"; die "slurmctld did not start: $(tail -5 "$dir/log/slurmctld.log" 2>/dev/null)"; }
  slurmd -f "$dir/slurm.conf" ||
    { stop "$dir"; die "slurmd did not start: $(tail -5 "$dir/log/slurmd.log" 2>/dev/null)"; }
  # Ready when the node is idle (it registers within a few seconds).
  local i state=""
  for i in $(seq 1 60); do
    state=$(sinfo -h -N -o '%t' 2>/dev/null | head -1 || true)
    case "$state" in idle | mix | alloc) break ;; esac
    sleep 0.5
  done
  case "$state" in
    idle | mix | alloc) ;;
    *)
      local why
      why="node state '${state:-none}' after 30 s"
      why+="; slurmctld: $(tail -3 "$dir/log/slurmctld.log" 2>/dev/null)"
      why+="; slurmd: $(tail -3 "$dir/log/slurmd.log" 2>/dev/null)"
      stop "$dir"
      die "the node did not become ready: $why"
      ;;
  esac
  echo "slurm_local.sh: cluster up in $dir (slurmctld port $ctld_port, node $host, $cpus CPUs)" >&2
  echo "export SLURM_CONF=$dir/slurm.conf"
}

stop_pid() {  # name pidfile
  local pidf=$2 pid i
  [ -f "$pidf" ] || return 0
  pid=$(cat "$pidf")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "slurm_local.sh: $1 (PID $pid) did not stop in 5 s: killing it" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidf"
}

stop() {
  local dir=$1
  [ -d "$dir" ] || die "no such directory: $dir"
  stop_pid slurmd "$dir/slurmd.pid"
  stop_pid slurmctld "$dir/slurmctld.pid"
  stop_pid munged "$dir/munge.pid"
}

case "${1:-}" in
  start) [ $# -eq 2 ] || die "usage: $0 start DIR"; start "$2" ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  check) check ;;
  *) die "usage: $0 start DIR | stop DIR | check" ;;
esac
