#!/usr/bin/env bash
# Optional: unpack bookworm's QEMU 7.2 into the cache (without installing it) so the lab can
# also run against it while QEMU 10 stays installed. Prints the environment to use:
#   eval "$(bash test/qemu/fetch-qemu72.sh)"; node test/qemu/run-probe.mjs 6.1
# QEMU 7.2 pairs only with the 6.1 kernel (6.12's cxl_pci fails on 7.2's device: no event
# log interrupts); its cxl-type3 has memdev= only (no volatile capacity, no poison commands).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dir="${LAB_CACHE:-$root/.cache/qemu-lab}/qemu72"
if [ ! -x "$dir/root/usr/bin/qemu-system-x86_64" ]; then
  ver="$(apt-cache madison qemu-system-x86 | awk '$3 ~ /^1:7\.2/ {print $3; exit}')"
  data_ver="$(apt-cache madison qemu-system-data | awk '$3 ~ /^1:7\.2/ {print $3; exit}')"
  [ -n "$ver" ] && [ -n "$data_ver" ] || { echo "fetch-qemu72: apt knows no QEMU 7.2" >&2; exit 1; }
  mkdir -p "$dir/debs"
  (cd "$dir/debs" && apt-get download -q -o APT::Sandbox::User=root \
    "qemu-system-x86=$ver" "qemu-system-common=$ver" "qemu-system-data=$data_ver" >&2)
  rm -rf "$dir/root"
  for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
fi
echo "export LAB_QEMU='$dir/root/usr/bin/qemu-system-x86_64'"
echo "export QEMU_MODULE_DIR='$dir/root/usr/lib/x86_64-linux-gnu/qemu'"
echo "export LAB_QEMU_EXTRA_ARGS='-L $dir/root/usr/share/qemu -L /usr/share/seabios'"
