# Sourced by ./mvnw and deploy/local/run: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps a suitable JAVA_HOME or `java` on the PATH; otherwise looks where JDKs are usually installed.
# POSIX sh, so that the Maven wrapper (#!/bin/sh) can source it.

redress_java_major() {
  # Prints the feature version of the JDK whose home is $1 (empty when it is not a JDK).
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

redress_find_jdk() {
  redress_required=21
  if [ -n "${JAVA_HOME-}" ]; then
    redress_major=$(redress_java_major "$JAVA_HOME")
    [ -n "$redress_major" ] && [ "$redress_major" -ge "$redress_required" ] && return 0
  fi
  redress_on_path=$(command -v javac 2>/dev/null || true)
  if [ -n "$redress_on_path" ]; then
    redress_home=$(dirname "$(dirname "$(readlink -f "$redress_on_path")")")
    redress_major=$(redress_java_major "$redress_home")
    if [ -n "$redress_major" ] && [ "$redress_major" -ge "$redress_required" ]; then
      JAVA_HOME=$redress_home; export JAVA_HOME; return 0
    fi
  fi
  redress_best=""; redress_best_major=0
  # The Maven wrapper runs with `set -f`; the search below needs globbing.
  case $- in *f*) redress_noglob=1; set +f ;; *) redress_noglob=0 ;; esac
  for redress_home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$redress_home" ] || continue
    redress_major=$(redress_java_major "$redress_home")
    if [ -n "$redress_major" ] && [ "$redress_major" -gt "$redress_best_major" ]; then
      redress_best=$redress_home; redress_best_major=$redress_major
    fi
  done
  [ "$redress_noglob" = 1 ] && set -f
  if [ "$redress_best_major" -ge "$redress_required" ]; then
    JAVA_HOME=$redress_best; export JAVA_HOME; return 0
  fi
  echo "Redress needs a JDK $redress_required or newer (java and javac)." >&2
  echo "  JAVA_HOME: ${JAVA_HOME:-not set}" >&2
  echo "  javac on the PATH: ${redress_on_path:-none}" >&2
  echo "  newest JDK found in the usual places: ${redress_best:-none}${redress_best:+ (Java $redress_best_major)}" >&2
  echo "Install a JDK $redress_required+ (for example Eclipse Temurin 21) and set JAVA_HOME to it." >&2
  return 1
}

redress_find_jdk || exit 1
PATH="$JAVA_HOME/bin:$PATH"; export PATH
