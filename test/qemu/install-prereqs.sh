#!/usr/bin/env bash
# Install what the QEMU lab needs, from Debian packages only (run as root; idempotent).
#   - QEMU 10 from bookworm-backports (CXL volatile/persistent memdevs, poison injection,
#     Get Timestamp, ...), replacing bookworm's QEMU 7.2 if that is installed;
#   - busybox-static (the guest's userland), kmod (modprobe/depmod for the module closure),
#     cpio, xz-utils and zstd (initramfs, compressed modules), util-linux (setpriv);
#   - for the MCTP lab's two kernels (x86_64 for QEMU, um for user-mode Linux, which needs nothing
#     else: it runs as a host process, powers off with busybox, and needs ptrace allowed):
#     linux-source-6.12 at the version mctp/build-kernel.sh pins, and what building it takes
#     (gcc, make, bc, flex, bison, libelf-dev, libssl-dev).
# Kernels are not installed: build-guest.sh downloads and unpacks them into the cache.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

. /etc/os-release
if [ "${VERSION_CODENAME:-}" != bookworm ]; then
  echo "install-prereqs: written for Debian bookworm, this is ${PRETTY_NAME:-unknown}" >&2
fi

# Add bookworm-backports when apt lacks it, from the same mirror that serves bookworm itself.
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  mirror="$(awk '/^URIs:/ {u=$2} /^Suites:/ && / bookworm( |$)/ && u {print u; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)"
  if [ -z "$mirror" ]; then
    mirror="$(awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)"
  fi
  if [ -z "$mirror" ]; then
    echo "install-prereqs: cannot find the bookworm mirror in apt's sources" >&2
    exit 1
  fi
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$mirror" > /etc/apt/sources.list.d/bookworm-backports.sources
fi

apt-get update -q
apt-get install -y -q --no-install-recommends -t bookworm-backports qemu-system-x86
apt-get install -y -q --no-install-recommends busybox-static kmod cpio xz-utils zstd util-linux

# The MCTP lab's kernel source, at the one version build-kernel.sh accepts.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_version="$(sed -n 's/^source_version=//p' "$here/mctp/build-kernel.sh")"
[ -n "$source_version" ] || { echo "install-prereqs: no source_version in mctp/build-kernel.sh" >&2; exit 1; }
apt-get install -y -q --no-install-recommends "linux-source-6.12=$source_version" \
  gcc make libc6-dev bc flex bison libelf-dev libssl-dev
qemu-system-x86_64 --version | head -n1
