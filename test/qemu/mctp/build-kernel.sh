#!/usr/bin/env bash
# Build the MCTP lab's guest kernel from Debian's linux-source-6.12, or find it in the cache.
#
#   bash test/qemu/mctp/build-kernel.sh        prints the path of the bzImage on stdout
#
# The bzImage is cached OUTSIDE the clone (CI runs in a fresh clone each time), in
#   ${CXLMI_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxlmi-lab}/mctp-kernel/<key>/
# where <key> hashes the source package's version, this folder's kernel.config and the
# compiler's version: change any of them and the next run builds a new kernel. Only bzImage,
# the final .config and a description are kept; the source tree (~1.7 GB) is deleted after the
# build. A lock serialises concurrent builds of one key.
#
# Needs (install-prereqs.sh installs them): linux-source-6.12 at the pinned version below, gcc,
# make, bc, flex, bison, libelf-dev, libssl-dev, xz-utils.
set -euo pipefail

# Pinned: a different version is a different kernel. Debian's security archive keeps several.
source_pkg=linux-source-6.12
source_version=6.12.118-1~deb12u1
# The options the lab cannot do without: checked after configuring.
required=(CONFIG_MCTP CONFIG_MCTP_SERIAL CONFIG_VIRTIO_CONSOLE CONFIG_9P_FS CONFIG_NET_9P_VIRTIO
  CONFIG_VIRTIO_PCI CONFIG_UNIX CONFIG_BLK_DEV_INITRD CONFIG_DEVTMPFS CONFIG_TMPFS CONFIG_64BIT
  CONFIG_FUTEX CONFIG_EPOLL CONFIG_SERIAL_8250_CONSOLE)

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fragment="$here/kernel.config"
cache_root="${CXLMI_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxlmi-lab}"
log() { printf '[mctp-kernel] %s\n' "$*" >&2; }

installed="$(dpkg-query -W -f '${Version}' "$source_pkg" 2>/dev/null || true)"
if [ "$installed" != "$source_version" ]; then
  log "need $source_pkg=$source_version installed (found: ${installed:-none}); run test/qemu/install-prereqs.sh as root"
  exit 1
fi
tarball="/usr/src/$source_pkg.tar.xz"
[ -s "$tarball" ] || { log "missing $tarball"; exit 1; }

compiler="$(gcc --version | head -n1)"
fragment_hash="$(sha256sum "$fragment" | cut -d' ' -f1)"
key_text="source: $source_pkg $source_version
fragment: $fragment_hash
compiler: $compiler"
key="$(printf '%s\n' "$key_text" | sha256sum | cut -c1-16)"
out="$cache_root/mctp-kernel/$key"
mkdir -p "$out"

exec 9> "$out/lock"
flock 9

if [ -s "$out/bzImage" ] && [ -z "${LAB_REFRESH:-}" ]; then
  log "cached: $out/bzImage"
  echo "$out/bzImage"
  exit 0
fi

log "building (key $key):"
printf '%s\n' "$key_text" | sed 's/^/  /' >&2
start=$(date +%s)
tree="$(mktemp -d "$cache_root/mctp-kernel/build.XXXXXX")"
trap 'rm -rf "$tree"' EXIT
tar -xf "$tarball" -C "$tree" --strip-components=1
log "unpacked in $(( $(date +%s) - start )) s"

mk() { make -C "$tree" ARCH=x86_64 -s "$@"; }
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

mk -j"$(nproc)" bzImage
cp "$tree/arch/x86/boot/bzImage" "$out/bzImage.tmp"
cp "$tree/.config" "$out/config"
mv "$out/bzImage.tmp" "$out/bzImage"
took=$(( $(date +%s) - start ))
printf '%s\nbuilt: %s\nseconds: %s\n' "$key_text" "$(date -u +%FT%TZ)" "$took" > "$out/built-from"
log "built in $took s: $out/bzImage ($(du -h "$out/bzImage" | cut -f1))"
echo "$out/bzImage"
