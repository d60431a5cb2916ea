#!/usr/bin/env bash
# Installs the release's .deb (scripts/release.sh) into a clean Debian 12 root made with debootstrap — no Swift, no
# build tools — and runs `wagecase --version`, `wagecase sample` and `wagecase audit verify` there. Run before a
# release, as root, with a Debian mirror reachable (not part of the default CI run).
# Usage: scripts/release-check.sh [DEB]   (default: the one in dist/)
set -euo pipefail
cd "$(dirname "$0")/.."
deb="${1:-$(ls dist/wagecase_*.deb | head -1)}"
[ -f "$deb" ] || { echo "no .deb: run scripts/release.sh first"; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap and chroot)"; exit 1; }
command -v debootstrap >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
root="$(mktemp -d "${TMPDIR:-/tmp}/wagecase-release-check.XXXXXX")"
cleanup() { umount "$root/proc" 2>/dev/null || true; rm -rf "$root"; }
trap cleanup EXIT

echo "== debootstrap bookworm (minbase) into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/wagecase.deb"
echo "== install $(basename "$deb") and its dependencies"
chroot "$root" sh -c 'apt-get install -y -qq /tmp/wagecase.deb >/dev/null 2>&1 || (dpkg -i /tmp/wagecase.deb; apt-get -f install -y -qq)'
chroot "$root" sh -c 'command -v swift && exit 1 || true'
echo "== run it"
chroot "$root" wagecase --version
chroot "$root" sh -c 'cd /tmp && wagecase sample --db /tmp/check.sqlite | head -3 && wagecase audit verify --db /tmp/check.sqlite'
chroot "$root" sh -c 'getent passwd wagecase >/dev/null && test -d /var/lib/wagecase && test -f /lib/systemd/system/wagecase.service'
echo "release check passed: $(basename "$deb") installs and runs on a clean Debian 12"
