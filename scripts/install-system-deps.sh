#!/usr/bin/env bash
# System packages the tests need: PostgreSQL server (for the shared-database tests), poppler (PDF to PNG/text),
# LibreOffice Writer (Word files open headless), Xvfb and the X/GL libraries Qt needs, a font, node and npm.
# Debian/Ubuntu. Runs apt only for what is missing; uses sudo when not root.
set -euo pipefail

need=()
have_bin() { command -v "$1" >/dev/null 2>&1; }
pg_ok=0
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_ok=1; done
[ "$pg_ok" = 1 ] || need+=(postgresql)
have_bin pdftoppm || need+=(poppler-utils)
have_bin soffice || need+=(libreoffice-writer-nogui)
have_bin Xvfb || need+=(xvfb)
for lib in libEGL.so.1 libxkbcommon.so.0 libfontconfig.so.1 libdbus-1.so.3 libxcb-cursor.so.0 libGL.so.1; do
  if ! ldconfig -p | grep -q "$lib"; then
    need+=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0
           libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0
           libxcb-image0)
    break
  fi
done
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
# node and npm: the OpenID Provider the OIDC login tests start (tests/oidc, the npm package oidc-provider)
have_bin node || need+=(nodejs)
have_bin npm || need+=(npm)

if [ "${#need[@]}" -eq 0 ]; then
  echo "Systeempakketten: alles aanwezig."
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
if ! have_bin apt-get; then
  echo "Ontbrekende systeempakketten: ${need[*]}; installeer ze met de pakketbeheerder van uw systeem." >&2
  exit 1
fi
echo "Installeren: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
