#!/usr/bin/env bash
# Build one of the MCTP lab's guest kernels from Debian's linux-source-6.12, or find it in the
# cache:
#
#   bash test/qemu/mctp/build-kernel.sh [x86_64]   the QEMU/TCG guest: prints the bzImage's path
#   bash test/qemu/mctp/build-kernel.sh um         the user-mode Linux guest: prints the path of
#                                                  the `linux` executable
#
# Each is `tinyconfig` for its ARCH plus this folder's fragment (kernel.config for x86_64,
# kernel-um.config for um). The image is cached OUTSIDE the clone (CI runs in a fresh clone each
# time), in
#   ${CXLMI_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxlmi-lab}/mctp-kernel/<key>/
# where <key> hashes the ARCH, the source package's version, the fragment and the compiler's
# version: change any of them and the next run builds a new kernel. Only the image, the final
# .config and a description (with the build's wall and CPU seconds) are kept; the source tree
# (~1.7 GB) is deleted after the build. A lock serialises concurrent builds of one key.
#
# Needs (install-prereqs.sh installs them): linux-source-6.12 at the pinned version below, gcc,
# make, bc, flex, bison, libelf-dev, libssl-dev, xz-utils.
set -euo pipefail

# Pinned: a different version is a different kernel. Debian's security archive keeps several.
source_pkg=linux-source-6.12
source_version=6.12.118-1~deb12u1

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
arch="${1:-x86_64}"
# Per ARCH: the fragment, the make target, where it lands, the name it is cached under, and the
# options the lab cannot do without (checked after configuring).
common=(CONFIG_64BIT CONFIG_MCTP CONFIG_MCTP_SERIAL CONFIG_UNIX CONFIG_DEVTMPFS CONFIG_TMPFS
  CONFIG_FUTEX CONFIG_EPOLL CONFIG_EVENTFD CONFIG_TIMERFD CONFIG_BINFMT_SCRIPT)
case "$arch" in
  x86_64)
    fragment="$here/kernel.config" target=bzImage product=arch/x86/boot/bzImage image=bzImage
    required=("${common[@]}" CONFIG_VIRTIO_CONSOLE CONFIG_9P_FS CONFIG_NET_9P_VIRTIO
      CONFIG_VIRTIO_PCI CONFIG_BLK_DEV_INITRD CONFIG_SERIAL_8250_CONSOLE) ;;
  um)
    fragment="$here/kernel-um.config" target=linux product=linux image=linux
    required=("${common[@]}" CONFIG_HOSTFS CONFIG_SSL CONFIG_NULL_CHAN CONFIG_STDERR_CONSOLE
      CONFIG_UNIX98_PTYS) ;;
  *) printf '[mctp-kernel] unknown ARCH %s (x86_64 or um)\n' "$arch" >&2; exit 2 ;;
esac
cache_root="${CXLMI_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxlmi-lab}"
log() { printf '[mctp-kernel %s] %s\n' "$arch" "$*" >&2; }

installed="$(dpkg-query -W -f '${Version}' "$source_pkg" 2>/dev/null || true)"
if [ "$installed" != "$source_version" ]; then
  log "need $source_pkg=$source_version installed (found: ${installed:-none}); run test/qemu/install-prereqs.sh as root"
  exit 1
fi
tarball="/usr/src/$source_pkg.tar.xz"
[ -s "$tarball" ] || { log "missing $tarball"; exit 1; }

compiler="$(gcc --version | head -n1)"
fragment_hash="$(sha256sum "$fragment" | cut -d' ' -f1)"
key_text="arch: $arch
source: $source_pkg $source_version
fragment: $fragment_hash
compiler: $compiler"
key="$(printf '%s\n' "$key_text" | sha256sum | cut -c1-16)"
out="$cache_root/mctp-kernel/$key"
mkdir -p "$out"

exec 9> "$out/lock"
flock 9

if [ -s "$out/$image" ] && [ -z "${LAB_REFRESH:-}" ]; then
  log "cached: $out/$image"
  echo "$out/$image"
  exit 0
fi

log "building (key $key):"
printf '%s\n' "$key_text" | sed 's/^/  /' >&2
start=$(date +%s)
# CPU seconds of this script's children (make, gcc, tar) so far: the machine-independent cost.
cpu_seconds() { awk '{ printf "%.0f", ($3 + $4) / '"$(getconf CLK_TCK)"' }' < <(cut -d' ' -f14-17 /proc/$$/stat); }
tree="$(mktemp -d "$cache_root/mctp-kernel/build.XXXXXX")"
trap 'rm -rf "$tree"' EXIT
tar -xf "$tarball" -C "$tree" --strip-components=1
log "unpacked in $(( $(date +%s) - start )) s"

mk() { make -C "$tree" ARCH="$arch" -s "$@"; }
mk tinyconfig >/dev/null
"$tree/scripts/kconfig/merge_config.sh" -m -O "$tree" "$tree/.config" "$fragment" >/dev/null
mk olddefconfig >/dev/null
missing=()
for opt in "${required[@]}"; do
  grep -qx "$opt=y" "$tree/.config" || missing+=("$opt")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "after configuring, not set: ${missing[*]} (a dependency missing from kernel.config?)"
  exit 1
fi
log "configured in $(( $(date +%s) - start )) s; compiling with $(nproc) jobs"

mk -j"$(nproc)" "$target" >&2  # (make -s still prints "LINK linux"; stdout is the path only)
cp "$tree/$product" "$out/$image.tmp"
cp "$tree/.config" "$out/config"
mv "$out/$image.tmp" "$out/$image"
took=$(( $(date +%s) - start ))
cpu="$(cpu_seconds)"
printf '%s\nbuilt: %s\nseconds: %s\ncpu-seconds: %s\nload: %s\n' "$key_text" "$(date -u +%FT%TZ)" \
  "$took" "$cpu" "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out/built-from"
log "built in $took s ($cpu CPU-seconds, load $(cut -d' ' -f1-3 /proc/loadavg)): $out/$image ($(du -h "$out/$image" | cut -f1))"
echo "$out/$image"
