#!/bin/bash
# The image's entrypoint, installed as /usr/local/bin/docker-entrypoint.sh: the path LocalStack's
# image uses, which testcontainers-java's LocalStackContainer runs from the start script it writes.
# LocalStack compatibility is on unless STRONGROOM_LOCALSTACK_COMPAT says otherwise: Strongroom
# also listens on 4566, answers /_localstack/health, runs /etc/localstack/init/ready.d/ and prints
# `Ready.` (docs/migrating-from-localstack.md).
#
#   (no arguments)        starts Strongroom
#   --option …            starts Strongroom with these options
#   any other command     runs it (`node dist/cli.js --in-memory`, `bash`)
set -euo pipefail

export STRONGROOM_LOCALSTACK_COMPAT="${STRONGROOM_LOCALSTACK_COMPAT:-true}"
# Where the built CLI is: the image's, unless a test points at a build of its own.
cli="${STRONGROOM_CLI:-/app/dist/cli.js}"

if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  exec node "$cli" "$@"
fi
exec "$@"
