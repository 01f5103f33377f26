#!/bin/sh
# Runs the cloudsync command line from a build of this checkout (mvn -B -q -DskipTests package).
#
# Short commands that read headers (inspect, plan) start a JVM, do a second or two of work and
# exit: for them the JIT's optimising tier and a parallel garbage collector cost more CPU than
# they save, so they run with the quick-start tier and the serial collector. Everything else
# (sync, serve, demo) runs with the JVM's defaults. JAVA_OPTS is passed on as given.
here=$(cd "$(dirname "$0")" && pwd)
jar="$here/cloudsync/target/cloudsync.jar"
if [ ! -f "$jar" ]; then
  echo "error: $jar is missing" >&2
  echo "hint: build it first: mvn -B -q -DskipTests package" >&2
  exit 2
fi
case "$1" in
  inspect|plan) quick="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ;;
  *) quick="" ;;
esac
# The build records which classes a sync loads in a class data archive beside the jar (see
# ClassArchiveTraining); mapping it saves about a second of start-up CPU. It is used only when it is
# newer than the jar; the JVM ignores it quietly if it does not match this jar or JVM.
archive="$here/cloudsync/target/cloudsync.jsa"
cds=""
if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
  cds="-XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
# shellcheck disable=SC2086 # the options are words on purpose
exec java $quick $cds $JAVA_OPTS -jar "$jar" "$@"
