#!/bin/sh
# Prints the pid a program in container CONTAINER wrote to /tmp/NAME, once
# it has. Usage: container_pid.sh CONTAINER NAME
exec podman exec "$1" /bin/busybox sh -c \
  'until [ -s "/tmp/$1" ]; do sleep 0.05; done; cat "/tmp/$1"' sh "$2"
