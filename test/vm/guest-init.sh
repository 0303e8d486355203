#!/bin/busybox sh
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The kernel lane guest's /init: mounts the host's root filesystem (read-only
# over 9p) and the lane's writable share at the path it has on the host, adds
# what a running system needs, runs the share's guest-command inside the
# host's root and powers off. The share gets the command's exit status; a
# guest that never writes it has failed.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev

for module in $(cat /modules/order); do
  insmod "/modules/$module" || echo "lane: insmod $module failed"
done

setting() {
  sed -n "s/.*lane\.$1=\([^ ]*\).*/\1/p" /proc/cmdline
}
share=$(setting share)
options=trans=virtio,version=9p2000.L,msize=512000
mkdir -p /host /hostview
mount -t 9p -o "$options,ro,cache=loose" hostroot /host || {
  echo "lane: cannot mount the host's root"
  poweroff -f
}
# A view of the host's root without the mounts added below, for the trees
# the lane needs that a fresh /tmp would hide (a clone under /tmp).
mount --bind /host /hostview
mount -t proc proc /host/proc
mount -t sysfs sys /host/sys
mount -t devtmpfs dev /host/dev
mkdir -p /host/dev/pts /host/dev/shm
mount -t devpts -o ptmxmode=0666 devpts /host/dev/pts
for dir in /tmp /var/tmp /run /dev/shm /root; do
  mount -t tmpfs tmpfs "/host$dir"
done
chmod 1777 /host/tmp /host/var/tmp /host/dev/shm
for tree in $(setting keep | tr , ' '); do
  if [ ! -e "/host$tree" ]; then
    mkdir -p "/host$tree"
    mount --bind "/hostview$tree" "/host$tree"
  fi
done
mount -t 9p -o "$options" lane "/host$share" || {
  echo "lane: cannot mount the share $share"
  poweroff -f
}
ip link set lo up
hostname lane

chroot /host /bin/sh "$share/guest-command"
echo $? >"/host$share/exit-status"
sync
poweroff -f
