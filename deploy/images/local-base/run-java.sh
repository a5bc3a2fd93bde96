#!/bin/sh
# The launcher the services' Dockerfile.jvm expects, as Red Hat's OpenJDK images have it, reduced to what the
# deployment uses: JAVA_OPTS and JAVA_OPTS_APPEND (the Kubernetes manifests give the heap there), and the app's jar.
exec java ${JAVA_OPTS} ${JAVA_OPTS_APPEND} -jar "${JAVA_APP_JAR}" "$@"
