#!/usr/bin/env bash
# Installs the Bakehouse app on the build instance as a systemd service that runs as
# an unprivileged system user and starts at boot. Runs as root during the bake.
#
# Environment (all required):
#   APP_BINARY   path of the uploaded linux binary
#   APP_UNIT     path of the uploaded systemd unit file
#   APP_VERSION  version being installed, recorded in /etc/bakehouse-app/version
set -euo pipefail

readonly SERVICE=bakehouse-app
readonly SERVICE_USER=bakehouse
readonly INSTALL_PATH=/usr/local/bin/bakehouse-app
readonly UNIT_PATH=/etc/systemd/system/${SERVICE}.service

log() { printf 'install-app: %s\n' "$*"; }
fail() { printf 'install-app: error: %s\n' "$*" >&2; exit 1; }

: "${APP_BINARY:?set APP_BINARY to the uploaded app binary}"
: "${APP_UNIT:?set APP_UNIT to the uploaded systemd unit file}"
: "${APP_VERSION:?set APP_VERSION to the version being installed}"

[[ $(id -u) -eq 0 ]] || fail "must run as root (the shell provisioner uses sudo)"
[[ -s $APP_BINARY ]] || fail "app binary '$APP_BINARY' is missing or empty"
[[ -s $APP_UNIT ]] || fail "unit file '$APP_UNIT' is missing or empty"

if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
  log "creating system user $SERVICE_USER"
  useradd --system --no-create-home --home-dir /nonexistent --shell /sbin/nologin \
    --comment "Bakehouse app" "$SERVICE_USER"
fi

log "installing $APP_BINARY as $INSTALL_PATH (version $APP_VERSION)"
install -o root -g root -m 0755 "$APP_BINARY" "$INSTALL_PATH"
install -o root -g root -m 0644 "$APP_UNIT" "$UNIT_PATH"
install -d -o root -g root -m 0755 /etc/bakehouse-app
printf '%s\n' "$APP_VERSION" >/etc/bakehouse-app/version
rm -f "$APP_BINARY" "$APP_UNIT"

systemctl daemon-reload
systemctl enable "$SERVICE"
log "enabled $SERVICE at boot"
