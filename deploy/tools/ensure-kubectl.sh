#!/usr/bin/env bash
# Makes sure kubectl is installed (Debian's package), installing it with apt-get when it is
# missing. deploy-tests runs this before it renders the Kustomize overlays with
# `kubectl kustomize`, which needs no cluster; it prints the path of the binary on success
# and fails loudly otherwise.
set -euo pipefail

if ! command -v kubectl >/dev/null 2>&1; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "kubectl is missing and there is no apt-get to install it with" >&2
		exit 1
	fi
	sudo=""
	if [[ $(id -u) != 0 ]]; then
		sudo="sudo -n"
	fi
	echo "Installing kubectl with apt-get..." >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >&2 || true
	$sudo apt-get install -y -qq --no-install-recommends kubectl >&2
fi
command -v kubectl
