#!/usr/bin/env bash
# The worker's queue tests start their own Redis on a free port: install Debian's redis-server
# when the machine lacks it. The package's own service is not used (tests start and stop theirs).
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
echo "redis-server is missing: installing Debian's redis-server package (about 10 s)..."
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
redis-server --version
