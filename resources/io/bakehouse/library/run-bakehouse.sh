# Runs the bakehouse CLI for a shared-library step. Jenkins runs `sh` scripts with /bin/sh,
# so this is POSIX sh. The step puts the single-quoted arguments in place of the marker word
# on the CLI's line. The CLI's result goes to stdout and its progress to stderr (the build
# log); the exit status follows the result so that the step can say what it means.
set +x
status=0
"${BAKEHOUSE_CLI:-bakehouse}" BAKEHOUSE_ARGUMENTS || status=$?
printf '\n%s%s\n' 'bakehouse-exit-code=' "$status"
