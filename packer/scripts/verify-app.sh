#!/usr/bin/env bash
# Starts the installed service and fails the bake unless it becomes healthy and serves
# the expected version. Leaves the service stopped (it is enabled, so it starts on boot).
#
# Environment:
#   EXPECTED_VERSION      version the home page must show (required)
#   SERVICE_NAME          systemd unit to start              (default bakehouse-app)
#   APP_URL               base URL of the app on the instance (default http://127.0.0.1:8080)
#   HEALTH_ATTEMPTS       health checks before giving up      (default 30)
#   HEALTH_DELAY_SECONDS  pause between health checks         (default 2)
set -euo pipefail

: "${EXPECTED_VERSION:?set EXPECTED_VERSION to the version the app must report}"
SERVICE_NAME=${SERVICE_NAME:-bakehouse-app}
APP_URL=${APP_URL:-http://127.0.0.1:8080}
HEALTH_ATTEMPTS=${HEALTH_ATTEMPTS:-30}
HEALTH_DELAY_SECONDS=${HEALTH_DELAY_SECONDS:-2}

log() { printf 'verify-app: %s\n' "$*"; }

# The home page renders the version through Go's html/template, which escapes these.
html_escape() {
  local text=$1
  text=${text//'&'/'&amp;'}
  text=${text//'<'/'&lt;'}
  text=${text//'>'/'&gt;'}
  text=${text//'"'/'&#34;'}
  text=${text//"'"/'&#39;'}
  text=${text//'+'/'&#43;'}
  printf '%s' "$text"
}

explain_failure() {
  printf 'verify-app: error: %s\n' "$1" >&2
  systemctl status --no-pager "$SERVICE_NAME" >&2 || true
  journalctl --no-pager --unit "$SERVICE_NAME" --lines 50 >&2 || true
  exit 1
}

log "starting $SERVICE_NAME"
systemctl start "$SERVICE_NAME"

attempt=1
until curl --silent --show-error --fail --max-time 5 "$APP_URL/health" >/dev/null; do
  if ((attempt >= HEALTH_ATTEMPTS)); then
    explain_failure "$APP_URL/health did not answer 200 after $HEALTH_ATTEMPTS attempts"
  fi
  log "waiting for $APP_URL/health (attempt $attempt of $HEALTH_ATTEMPTS)"
  attempt=$((attempt + 1))
  sleep "$HEALTH_DELAY_SECONDS"
done
log "$APP_URL/health answered 200 after $attempt attempt(s)"

home_page=$(curl --silent --show-error --fail --max-time 5 "$APP_URL/") ||
  explain_failure "the home page at $APP_URL/ did not answer 200"
if [[ $home_page != *"<code id=\"version\">$(html_escape "$EXPECTED_VERSION")</code>"* ]]; then
  explain_failure "the home page does not show version $EXPECTED_VERSION; a different binary was installed"
fi
log "home page shows version $EXPECTED_VERSION"

systemctl is-enabled --quiet "$SERVICE_NAME" || explain_failure "$SERVICE_NAME is not enabled at boot"
systemctl stop "$SERVICE_NAME"
log "$SERVICE_NAME is healthy, enabled at boot, and stopped for imaging"
