#!/usr/bin/env bash
# Debian packages the full test run needs, installed only when missing (CI starts from a fresh
# machine): chromium drives the real VS Code (code-server), whose install needs ripgrep (instead
# of a download) and gssapi headers (libkrb5-dev, for a native module); nginx referees the parser
# and is the reference `npm run bench` times (`nginx -T`); nginx and tomcat10 (which brings a Java
# runtime) referee every quick fix (`npm run test:referee`), openssl makes its throwaway certificate.
set -euo pipefail
wanted=(chromium ripgrep libkrb5-dev nginx tomcat10 openssl)
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
