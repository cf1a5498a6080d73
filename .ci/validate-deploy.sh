#!/usr/bin/env bash
# Offline checks of the deployment files: compose syntax and the Prometheus config.
# Needs no Docker engine; installs Debian's docker-compose / prometheus when missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)

if ((${#missing[@]})); then
  # The prometheus package's postinst starts the server through invoke-rc.d or
  # deb-systemd-invoke; a policy-rc.d that exits 101 forbids that (and any other
  # service start) for the duration of the install.
  policy=/usr/sbin/policy-rc.d
  backup=""
  if [[ -e $policy ]]; then
    backup=$(mktemp)
    as_root cp -p "$policy" "$backup"
  fi
  restore_policy() {
    if [[ -n $backup ]]; then as_root mv -f "$backup" "$policy"; else as_root rm -f "$policy"; fi
  }
  trap restore_policy EXIT
  printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null
  as_root chmod 755 "$policy"

  echo "Installing ${missing[*]} ..."
  log=$(mktemp)
  if ! { as_root apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "FAIL: could not install ${missing[*]}" >&2
    exit 1
  fi
  rm -f "$log"

  restore_policy
  trap - EXIT

  if [[ " ${missing[*]} " == *" prometheus "* && ! -x /usr/bin/promtool ]]; then
    echo "FAIL: /usr/bin/promtool is missing after installing prometheus" >&2
    exit 1
  fi
fi

run_check() {
  local label=$1 out
  shift
  if out=$("$@" 2>&1); then
    echo "OK: $label"
  else
    printf '%s\n' "$out" >&2
    echo "FAIL: $label" >&2
    return 1
  fi
}

run_check "docker-compose.yml ($(docker-compose version --short))" \
  docker-compose -f docker-compose.yml config -q
run_check "deploy/prometheus.yml ($(promtool --version 2>&1 | head -n1))" \
  promtool check config deploy/prometheus.yml
run_check "k8s/*.yaml parse as Kubernetes objects" \
  python3 -c 'import glob, sys, yaml
for f in sorted(glob.glob("k8s/*.yaml")):
    for doc in yaml.safe_load_all(open(f)):
        if doc and not (doc.get("apiVersion") and doc.get("kind") and doc.get("metadata", {}).get("name")):
            sys.exit(f + ": an object without apiVersion, kind or metadata.name")'
