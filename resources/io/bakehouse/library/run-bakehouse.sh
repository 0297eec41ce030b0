# Runs the bakehouse CLI for a shared-library step. Jenkins runs `sh` scripts with /bin/sh,
# so this is POSIX sh. The step puts the single-quoted arguments in place of the marker word
# on the CLI's line. The CLI's result goes to stdout and its progress to stderr (the build
# log); the exit status follows the result so that the step can say what it means. A CLI
# that cannot be found or run is reported by name, not by the shell's 127 or 126: ecs-run
# exits with those codes itself (and with its container's).
set +x
status=0
cli="${BAKEHOUSE_CLI:-bakehouse}"
case "$cli" in
  */*) found="$cli"; [ -e "$found" ] || found='' ;;
  *) found="$(command -v "$cli" 2>/dev/null)" || found='' ;;
esac
if [ -z "$found" ]; then
  status='cli-not-found'
elif [ ! -x "$found" ] || [ -d "$found" ]; then
  status='cli-not-executable'
else
  "$cli" BAKEHOUSE_ARGUMENTS || status=$?
fi
printf '\n%s%s\n' 'bakehouse-exit-code=' "$status"
