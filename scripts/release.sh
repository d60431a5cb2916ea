#!/usr/bin/env bash
# Builds a release that runs on a Debian 12 machine with no Swift and no internet (procuratorate networks are
# offline): the binary linked with the static Swift standard library and Foundation, so it needs only Debian's own
# shared libraries — the C library, SQLite, and libcurl and libxml2 (Foundation's networking, for the digest's
# robot webhooks, and its XML parser, for .xlsx). Writes to dist/:
#   wagecase-VERSION-linux-ARCH.tar.gz   bin/wagecase, README.md, contrib/ (systemd unit, nginx sample, cron script,
#                                         rule example), SHA256SUMS of those files
#   wagecase_VERSION_ARCH.deb            /usr/bin/wagecase, the systemd unit, docs; Depends: libsqlite3-0,
#                                         libcurl4, libxml2; a
#                                         `wagecase` system user and /var/lib/wagecase made on install
#   SHA256SUMS                           of the two
# scripts/release-check.sh installs the .deb into a clean Debian 12 root and runs the sample there.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
command -v dpkg-deb >/dev/null || { echo "dpkg-deb is needed (Debian's dpkg)"; exit 1; }
# Static Foundation links against the system's libcurl and libxml2.
missing=()
for package in libcurl4-openssl-dev libxml2-dev libsqlite3-dev; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
if ((${#missing[@]})); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

swift build -c release --product wagecase --static-swift-stdlib --scratch-path .build-release >/dev/null
binary="$(swift build -c release --scratch-path .build-release --show-bin-path)/wagecase"
version="$("$binary" --version)"
arch="$(dpkg --print-architecture)"
echo "wagecase $version ($arch)"
# Only the Debian libraries the package depends on may be linked dynamically (no Swift runtime library).
unexpected=$(readelf -d "$binary" | awk '/NEEDED/ {gsub(/[][]/, "", $5); print $5}' \
    | grep -vE '^(ld-linux[-a-z0-9_]*|libc|libm|libpthread|libdl|librt|libutil|libgcc_s|libstdc\+\+|libsqlite3|libz|libcurl|libxml2)\.so' || true)
if [ -n "$unexpected" ]; then echo "unexpected shared libraries: $unexpected"; exit 1; fi

rm -rf dist && mkdir -p dist
stage="dist/wagecase-$version-linux-$arch"
mkdir -p "$stage/bin"
install -m 0755 "$binary" "$stage/bin/wagecase"
strip "$stage/bin/wagecase"
cp README.md "$stage/"
cp -r contrib "$stage/contrib"
(cd "$stage" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
tar -C dist -czf "dist/wagecase-$version-linux-$arch.tar.gz" "wagecase-$version-linux-$arch"

root="dist/deb"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/lib/systemd/system" "$root/usr/share/doc/wagecase" \
    "$root/usr/share/wagecase"
install -m 0755 "$stage/bin/wagecase" "$root/usr/bin/wagecase"
sed 's|/usr/local/bin/wagecase|/usr/bin/wagecase|g' contrib/wagecase.service > "$root/lib/systemd/system/wagecase.service"
cp README.md "$root/usr/share/doc/wagecase/"
cp -r contrib "$root/usr/share/wagecase/contrib"
cat > "$root/DEBIAN/control" <<CONTROL
Package: wagecase
Version: $version
Architecture: $arch
Maintainer: wagecase maintainers <wagecase@localhost>
Depends: libc6, libgcc-s1, libstdc++6, zlib1g, libsqlite3-0 (>= 3.40), libcurl4, libxml2
Section: misc
Priority: optional
Description: wage-arrears cases, recoveries and wage guarantees for prosecutors and labor bureaus
 Clues, support-for-litigation cases, recoveries to the fen, wage guarantee deposits with their alerts, the
 weekly digest and an HTTP API, over one SQLite file. Chinese first.
CONTROL
cat > "$root/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
    # useradd (package passwd, always installed), not adduser (not in a minimal system).
    getent passwd wagecase >/dev/null || useradd --system --user-group --home-dir /var/lib/wagecase \
        --no-create-home --shell /usr/sbin/nologin wagecase
    install -d -o wagecase -g wagecase -m 0750 /var/lib/wagecase
    if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
fi
POSTINST
chmod 0755 "$root/DEBIAN/postinst"
dpkg-deb --root-owner-group --build "$root" "dist/wagecase_${version}_$arch.deb" >/dev/null
rm -rf "$root"
(cd dist && sha256sum "wagecase-$version-linux-$arch.tar.gz" "wagecase_${version}_$arch.deb" > SHA256SUMS)
ls -l dist
cat dist/SHA256SUMS
