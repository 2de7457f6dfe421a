#!/usr/bin/env sh
# Runs the whole product on this machine: an embedded Kubernetes API, CloudWatch (moto when
# moto_server is on the PATH, otherwise an in-memory fake) and the operator. Needs only a JDK.
#   ./sandbox.sh            start, apply examples/, repair drift, then a live table until Ctrl-C
#   ./sandbox.sh --once     the same, then exit (0 when every ModelAudit is Ready)
#   ./sandbox.sh --help     every option
cd "$(dirname "$0")" || exit 1
exec ./mvnw -q -B -Psandbox test-compile exec:java -Dexec.args="$*"
