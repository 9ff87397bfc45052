#!/usr/bin/env bash
# Prepare a bootable guest for the QEMU lab from Debian packages only.
#
#   bash test/qemu/build-guest.sh [SERIES...]      SERIES: 6.1, 6.12 (default: both)
#
# For each kernel series this leaves, under
# ${LAB_GUEST_CACHE:-${CXLMI_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxlmi-lab}/qemu-lab}/kernels/<series>/
# (outside the clone, so CI's fresh clones find it warm):
#   vmlinuz          the kernel, unpacked from linux-image-<abi>-amd64-unsigned
#   initramfs.cpio   busybox-static + the CXL / 9p / virtio module closure + our /init
#   kernel-release   the `uname -r` string of that kernel
#   package          the Debian package name and version it came from
# A series whose folder already holds all of these, built from the same Debian package version
# by the same build-guest.sh and guest-init.sh, is left alone (fast second run); a newer Debian
# kernel in apt's lists or a changed script rebuilds it. LAB_REFRESH=1 rebuilds it anyway.
#
# Needs (see install-prereqs.sh): apt-get, dpkg-deb, kmod (modprobe/depmod), cpio,
# xz-utils, zstd if a kernel ships .ko.zst, busybox-static.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="${LAB_GUEST_CACHE:-${CXLMI_LAB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cxlmi-lab}/qemu-lab}"
series_list=("$@")
[ ${#series_list[@]} -gt 0 ] || series_list=(6.1 6.12)

# Modules the guest needs. cxl_port and cxl_core are built in on Debian kernels (`builtin`
# lines from modprobe are skipped), but are listed so a kernel that has them as modules
# still gets them.
wanted_modules=(virtio_pci 9pnet_virtio 9p cxl_acpi cxl_port cxl_pci cxl_mem cxl_pmem)

log() { printf '[build-guest] %s\n' "$*" >&2; }

busybox_bin=/bin/busybox
# busybox-static installs /bin/busybox as a static binary; check it really is static,
# because the guest has no libc of its own in the initramfs.
if ! [ -x "$busybox_bin" ] || ldd "$busybox_bin" >/dev/null 2>&1; then
  log "need a static /bin/busybox: apt-get install busybox-static"
  exit 1
fi

# Pick the newest Debian package for a series, e.g. 6.1 -> linux-image-6.1.0-56-amd64-unsigned,
# 6.12 -> linux-image-6.12.117+deb12-amd64-unsigned.
pick_package() {
  local series="$1" pattern
  case "$series" in
    6.1) pattern='^linux-image-6\.1\.0-[0-9]+-amd64-unsigned$' ;;
    *) pattern="^linux-image-${series//./\\.}\\.[0-9]+\\+deb[0-9]+-amd64-unsigned\$" ;;
  esac
  apt-cache search --names-only "$pattern" | awk '{print $1}' | sort -V | tail -n1
}

build_series() {
  local series="$1"
  local out="$cache/kernels/$series"
  local pkg
  pkg="$(pick_package "$series")"
  if [ -z "$pkg" ]; then
    log "$series: no linux-image-*-amd64-unsigned package found (apt-get update? bookworm-security/backports in sources?)"
    return 1
  fi
  local version
  version="$(apt-cache policy "$pkg" | awk '/Candidate:/ {print $2}')"
  # The cache key: the Debian package and version, this script and the guest's /init (by content,
  # not mtimes, which a fresh clone resets).
  local inputs
  inputs="$( (echo "$pkg $version"; cat "$here/build-guest.sh" "$here/guest-init.sh") | sha256sum | cut -d' ' -f1)"
  if [ -z "${LAB_REFRESH:-}" ] && [ -s "$out/vmlinuz" ] && [ -s "$out/initramfs.cpio" ] &&
     [ -s "$out/kernel-release" ] && [ -s "$out/package" ] && [ "$(cat "$out/inputs" 2>/dev/null)" = "$inputs" ]; then
    log "$series: cached ($(cat "$out/package"))"
    return 0
  fi
  log "$series: using $pkg $version"

  mkdir -p "$cache/debs"
  local deb
  # apt-get download names the file package_version_arch.deb, with ':' as %3a.
  local deb="$cache/debs/${pkg}_${version//:/%3a}_amd64.deb"
  if [ ! -s "$deb" ]; then
    # _apt cannot write into a root-owned cache folder; downloading unsandboxed is fine here.
    (cd "$cache/debs" && apt-get download -q -o APT::Sandbox::User=root "$pkg=$version" >&2)
  fi
  [ -s "$deb" ] || { log "$series: download of $pkg $version did not leave $deb"; return 1; }

  local work="$cache/work/$series"
  rm -rf "$work"
  mkdir -p "$work/pkg" "$work/initramfs"
  dpkg-deb -x "$deb" "$work/pkg"

  local krel
  krel="$(ls "$work/pkg/lib/modules" | head -n1)"
  [ -n "$krel" ] || { log "$series: no modules in $deb"; return 1; }
  depmod -b "$work/pkg" "$krel"

  # Module closure in load order (modprobe prints dependencies first); keep first sighting.
  local -a order=()
  local line path
  while IFS= read -r line; do
    case "$line" in
      insmod\ *)
        path="${line#insmod }"; path="${path%% *}"
        local seen=0 p
        for p in "${order[@]}"; do [ "$p" = "$path" ] && seen=1 && break; done
        [ $seen = 1 ] || order+=("$path")
        ;;
    esac
  done < <(modprobe -d "$work/pkg" -S "$krel" --show-depends -a "${wanted_modules[@]}" 2>/dev/null)
  [ ${#order[@]} -gt 0 ] || { log "$series: module closure is empty"; return 1; }

  local ird="$work/initramfs"
  mkdir -p "$ird"/{bin,dev,proc,sys,tmp,mnt/host,lib/modules/"$krel"}
  cp "$busybox_bin" "$ird/bin/busybox"
  ln -s busybox "$ird/bin/sh"
  install -m 0755 "$here/guest-init.sh" "$ird/init"

  : > "$ird/lib/modules/$krel/load-order"
  for path in "${order[@]}"; do
    local rel="${path#"$work/pkg/lib/modules/$krel/"}"
    local dest="$ird/lib/modules/$krel/$rel"
    mkdir -p "$(dirname "$dest")"
    # busybox insmod cannot read compressed modules: store them plain.
    case "$path" in
      *.ko.xz) xz -dc "$path" > "${dest%.xz}"; rel="${rel%.xz}" ;;
      *.ko.zst) zstd -qdc "$path" > "${dest%.zst}"; rel="${rel%.zst}" ;;
      *.ko.gz) gzip -dc "$path" > "${dest%.gz}"; rel="${rel%.gz}" ;;
      *) cp "$path" "$dest" ;;
    esac
    echo "$rel" >> "$ird/lib/modules/$krel/load-order"
  done
  local f
  for f in modules.builtin modules.builtin.modinfo modules.order; do
    cp "$work/pkg/lib/modules/$krel/$f" "$ird/lib/modules/$krel/" 2>/dev/null || true
  done
  depmod -b "$ird" "$krel"

  mkdir -p "$out"
  (cd "$ird" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc --quiet) > "$out/initramfs.cpio.tmp"
  cp "$work/pkg/boot/vmlinuz-$krel" "$out/vmlinuz.tmp"
  mv "$out/vmlinuz.tmp" "$out/vmlinuz"
  mv "$out/initramfs.cpio.tmp" "$out/initramfs.cpio"
  echo "$krel" > "$out/kernel-release"
  echo "$pkg $version" > "$out/package"
  echo "$inputs" > "$out/inputs"
  grep -E '^(# )?CONFIG_CXL' "$work/pkg/boot/config-$krel" > "$out/cxl-config" || true
  rm -rf "$work"
  log "$series: ready, $krel, ${#order[@]} modules ($(du -h "$out/initramfs.cpio" | cut -f1) initramfs)"
}

for s in "${series_list[@]}"; do
  build_series "$s"
done
