#!/usr/bin/env bash
# Prints .env.example with every empty secret filled with a new random value, for
# docker-compose: `deploy/tools/new-env.sh > .env && chmod 600 .env`. Hex, so that no
# value holds a character a consumer would have to escape; the console session key as
# base64 of 32 bytes, which is what the gateway takes.
set -euo pipefail

example=$(dirname "$0")/../../.env.example
while IFS= read -r line; do
	case $line in
		XORSTACK_CONSOLE_SESSION_KEY=) echo "$line$(openssl rand -base64 32)" ;;
		[A-Z]*=) echo "$line$(openssl rand -hex 32)" ;;
		*) echo "$line" ;;
	esac
done < "$example"
