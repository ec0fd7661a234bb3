#!/usr/bin/env bash
# Makes sure Debian's docker-compose (the standalone one, used here only as a validator:
# `docker-compose config`) is installed, installing it with apt-get when it is missing.
# The deploy-tests module runs this before it checks docker-compose.yml; it prints the
# path of the binary on success and fails loudly otherwise.
set -euo pipefail

if ! command -v docker-compose >/dev/null 2>&1; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "docker-compose is missing and there is no apt-get to install it with" >&2
		exit 1
	fi
	sudo=""
	if [[ $(id -u) != 0 ]]; then
		sudo="sudo -n"
	fi
	echo "Installing docker-compose with apt-get..." >&2
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >&2 || true
	$sudo apt-get install -y -qq --no-install-recommends docker-compose >&2
fi
command -v docker-compose
