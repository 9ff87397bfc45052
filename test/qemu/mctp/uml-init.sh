#!/bin/sh
# /init of the MCTP lab's user-mode Linux guest (uml-guest.ts). The root file system is the
# host's /, read-only over hostfs, so this runs the host's /bin/sh and the host's node, and the
# guest needs no initramfs. It
# 1. mounts proc, sys, devtmpfs, devpts, a tmpfs on /run (HOME and TMPDIR live there: the project
#    may itself be under /tmp), and the host's per-run folder (lab.io=PATH on the kernel command
#    line) writable at /run/lab-io over hostfs;
# 2. runs `sh /run/lab-io/run.sh`, its stdout, stderr and exit code going to stdout, stderr and
#    exit-code in that folder;
# 3. powers off (busybox: the host's poweroff may be systemd's, which needs systemd running).
# Progress lines "LAB-MARK <name> <guest uptime>" go to the console (the harness's stdout), as
# ../guest-init.sh prints them for the QEMU guests.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

mark() {
  read -r up _ < /proc/uptime
  echo "LAB-MARK $1 $up"
}
die() {
  echo "LAB-ERROR $*"
  /bin/busybox poweroff -f
}

mount -t proc proc /proc || die "mount proc"
mount -t sysfs sysfs /sys || die "mount sysfs"
# The kernel mounts devtmpfs on /dev itself (DEVTMPFS_MOUNT); the host's /dev underneath must not
# be what the guest opens.
grep -q '^devtmpfs /dev ' /proc/mounts || mount -t devtmpfs devtmpfs /dev || die "mount devtmpfs"
mkdir -p /dev/pts /dev/shm
mount -t devpts -o ptmxmode=0666 devpts /dev/pts || die "mount devpts"
[ -e /dev/ptmx ] || ln -s pts/ptmx /dev/ptmx
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /run || die "mount tmpfs on /run"
mark init

io=
for word in $(cat /proc/cmdline); do
  case "$word" in lab.io=*) io="${word#lab.io=}" ;; esac
done
[ -n "$io" ] || die "no lab.io= on the kernel command line"
mkdir -p /run/lab-io /run/lab-home /run/tmp
mount -t hostfs -o "$io" none /run/lab-io || die "mount the host's $io over hostfs"
uname -r > /run/lab-io/kernel-release
mark mounted

mark run
/usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/run/lab-home TMPDIR=/run/tmp TERM=dumb \
  LANG=C.UTF-8 /bin/sh /run/lab-io/run.sh < /dev/null > /run/lab-io/stdout 2> /run/lab-io/stderr
echo $? > /run/lab-io/exit-code
mark done

dmesg > /run/lab-io/dmesg.txt 2>/dev/null
sync
/bin/busybox poweroff -f
