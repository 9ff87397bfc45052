#!/bin/sh
# /init of the QEMU lab's initramfs (busybox sh, no udev).
#
# 1. mounts proc/sys/devtmpfs, loads the modules listed in /lib/modules/<rel>/load-order
#    except those named in lab.skipmods=a,b (e.g. cxl_pmem, so the kernel does not claim the LSA);
# 2. mounts the host's root (9p tag "hostroot", read-only) at /mnt/host and the host's
#    per-run folder (9p tag "labio", writable) at /mnt/host/run/lab-io, with proc, sys,
#    devtmpfs and a tmpfs on /run (HOME and TMPDIR live there) mounted inside the host root;
# 3. waits (lab.wait=SECONDS on the kernel command line, default 30) for /dev/cxl/mem0;
# 4. runs `sh /run/lab-io/run.sh` chrooted into the host root, its stdout, stderr and exit
#    code going to stdout, stderr and exit-code in the labio folder;
# 5. saves dmesg there and powers off.
# Progress lines "LAB-MARK <name> <guest uptime>" go to the console for the host to time.

PATH=/bin
export PATH
/bin/busybox --install -s /bin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

mark() {
  read -r up _ < /proc/uptime
  echo "LAB-MARK $1 $up"
}

die() {
  echo "LAB-ERROR $*"
  sync
  poweroff -f
  reboot -f
}

mark init

wait_s=30
host_cache=none
skip_mods=,
for word in $(cat /proc/cmdline); do
  case "$word" in
    lab.wait=*) wait_s="${word#lab.wait=}" ;;
    lab.hostcache=*) host_cache="${word#lab.hostcache=}" ;;
    lab.skipmods=*) skip_mods=",${word#lab.skipmods=}," ;;
  esac
done

rel="$(uname -r)"
moddir="/lib/modules/$rel"
# A kernel with everything built in (the MCTP lab's) has no load-order file.
[ -f "$moddir/load-order" ] && while read -r mod; do
  [ -n "$mod" ] || continue
  name="${mod##*/}"
  name="${name%.ko}"
  case "$skip_mods" in *",$name,"*) echo "LAB-INFO skipping module $name"; continue ;; esac
  insmod "$moddir/$mod" 2>/tmp/insmod.err || {
    # "File exists" means built in or already loaded: not an error.
    grep -q 'File exists' /tmp/insmod.err || echo "LAB-WARN insmod $mod: $(cat /tmp/insmod.err)"
  }
done < "$moddir/load-order"
mark modules

# virtio devices may bind a moment after insmod returns (seconds on a loaded machine): retry the
# first mount for up to 30 s.
ninep_opts="trans=virtio,version=9p2000.L,msize=262144"
tries=0
until mount -t 9p -o "$ninep_opts,ro,cache=$host_cache" hostroot /mnt/host 2>/dev/null; do
  tries=$((tries + 1))
  [ $tries -lt 300 ] || die "cannot mount the hostroot 9p share"
  usleep 100000
done
h=/mnt/host
mount -t proc proc "$h/proc" || die "mount proc in host root"
mount -t sysfs sysfs "$h/sys" || die "mount sysfs in host root"
mount -t devtmpfs devtmpfs "$h/dev" || die "mount devtmpfs in host root"
mkdir -p "$h/dev/pts" "$h/dev/shm" 2>/dev/null
mount -t devpts devpts "$h/dev/pts" 2>/dev/null
mount -t tmpfs tmpfs "$h/dev/shm" 2>/dev/null
# The writable scratch space is a tmpfs on /run, not /tmp: the project under test may itself live
# under the host's /tmp (CI clones anywhere), and a tmpfs there would hide it.
mount -t tmpfs tmpfs "$h/run" || die "mount tmpfs on host /run"
mkdir -p "$h/run/lab-io" "$h/run/lab-home" "$h/run/tmp"
io="$h/run/lab-io"
mount -t 9p -o "$ninep_opts" labio "$io" || die "cannot mount the labio 9p share"
mark mounted
echo "$rel" > "$io/kernel-release"

waited=0
while [ ! -e /dev/cxl/mem0 ] && [ $waited -lt $((wait_s * 10)) ]; do
  usleep 100000
  waited=$((waited + 1))
done
if [ -e /dev/cxl/mem0 ]; then mark mem0; else echo "LAB-WARN no /dev/cxl/mem0 after ${wait_s}s"; fi

mark run
chroot "$h" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/run/lab-home TMPDIR=/run/tmp \
  TERM=dumb LANG=C.UTF-8 /bin/sh /run/lab-io/run.sh < /dev/null > "$io/stdout" 2> "$io/stderr"
echo $? > "$io/exit-code"
mark done

dmesg > "$io/dmesg.txt" 2>/dev/null
sync
umount "$io" 2>/dev/null
poweroff -f
reboot -f
