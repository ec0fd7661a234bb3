#!/usr/bin/env bash
# Builds the five service images from the root Dockerfile (JDK 25) and pushes them as
#   ${REGISTRY}/xorstack/<service>:${TAG}
# the names and tags the Kubernetes overlays use (kustomize `images:`; deploy-tests checks that
# they agree). TAG defaults to the project version of pom.xml: 0.1.0-SNAPSHOT for the dev
# overlay; a release is built with TAG=0.1.0, the version without -SNAPSHOT, which prod pins.
#
#   REGISTRY=registry.example.com deploy/images/build-push.sh            # all five
#   TAG=0.1.0 deploy/images/build-push.sh gateway auth-service           # some of them
#
# DOCKER=podman works too; PUSH=false only builds.
set -euo pipefail

cd "$(dirname "$0")/../.."
DOCKER="${DOCKER:-docker}"
REGISTRY="${REGISTRY:-registry.xorstack.example}"
# the first <version> after the parent's block is the project's own
TAG="${TAG:-$(sed -n '/<\/parent>/,$ s|^\t<version>\(.*\)</version>|\1|p' pom.xml | head -n 1)}"
PUSH="${PUSH:-true}"
if [ "$#" -eq 0 ]; then
	set -- gateway feedback-service metrics-service ailog-service auth-service
fi
if [ -z "${TAG}" ]; then
	echo "No project version found in pom.xml; set TAG" >&2
	exit 1
fi

for module in "$@"; do
	image="${REGISTRY}/xorstack/${module}:${TAG}"
	echo "Building ${image}"
	"${DOCKER}" build --build-arg MODULE="${module}" --tag "${image}" .
	if [ "${PUSH}" = "true" ]; then
		"${DOCKER}" push "${image}"
	fi
done
