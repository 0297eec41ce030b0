# shellcheck shell=bash
# The app's deployment conventions, in one place. cd/deploy-wrapper.sh and cd/rollback.sh
# source this file; the Jenkinsfile restates them in Groovy, and library-tests' JenkinsfileTest
# reads them from here and fails when the pipeline deploys anything else. Paths are relative to
# the repository's root. Sourcing defines only names that start with bakehouse_ / BAKEHOUSE_.

# The environments, in the order the pipeline deploys them.
readonly BAKEHOUSE_ENVIRONMENTS="dev prod"
# The app's stack template.
# shellcheck disable=SC2034  # for the scripts that source this file
readonly BAKEHOUSE_APP_TEMPLATE="cloudformation/app.yaml"

# Prints why ENV is not one of the environments (nothing when it is one).
bakehouse_environment_problem() {
  if [[ -z "$1" ]]; then
    echo "--environment is required (one of: $BAKEHOUSE_ENVIRONMENTS)"
  elif [[ " $BAKEHOUSE_ENVIRONMENTS " != *" $1 "* ]]; then
    echo "--environment must be one of: $BAKEHOUSE_ENVIRONMENTS (got '$1')"
  fi
}

# The app stack of ENV.
bakehouse_app_stack() { printf 'bakehouse-app-%s\n' "$1"; }

# The SSM parameter the pipeline publishes ENV's AMI ID to, and the app stack's AmiId comes from.
bakehouse_ami_parameter() { printf '/DeploymentConfig/%s/App/AmiId\n' "$1"; }

# The app stack's parameter file for ENV.
bakehouse_params_file() { printf 'cloudformation/params/%s.json\n' "$1"; }

# The stack tag that names ENV (KEY=VALUE).
bakehouse_environment_tag() { printf 'Environment=%s\n' "$1"; }

# The front end: the site stack's template and the folder the pipeline publishes into its bucket.
# shellcheck disable=SC2034  # for the scripts that source this file
readonly BAKEHOUSE_SITE_TEMPLATE="cloudformation/site.yaml"
# shellcheck disable=SC2034  # for the scripts that source this file
readonly BAKEHOUSE_SITE_DIR="site/public"

# The site stack of ENV (a private bucket behind a CloudFront distribution).
bakehouse_site_stack() { printf 'bakehouse-site-%s\n' "$1"; }

# The site stack's parameter file for ENV.
bakehouse_site_params_file() { printf 'cloudformation/params/site-%s.json\n' "$1"; }
