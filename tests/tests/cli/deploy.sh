#!/bin/sh
# A deploy job as a CI pipeline would run it: open a maintenance window, deploy, report an
# incident that the deploy caused, resolve it, close the window. Checks `cachet status` exit codes
# at every step (0 operational, 1 issues, 2 major outage, 3 under maintenance).
# Needs CACHET_DATABASE_URL (or CACHET_SERVER and CACHET_TOKEN) and `cachet` on PATH.
set -eu

expect_status() {
    set +e
    cachet status --quiet
    code=$?
    set -e
    if [ "$code" -ne "$1" ]; then
        echo "after $2: cachet status exited $code, expected $1" >&2
        exit 1
    fi
}

cachet component add API --quiet
cachet component add Website --quiet
expect_status 0 "setup"

window=$(cachet maintenance schedule "Deploy v2.0" --start "2020-01-01 00:00" --end "2036-01-01 00:00" \
    --component API --message "Rolling out v2.0" --quiet)
expect_status 3 "scheduling a window that has started"

cachet maintenance start "$window" --quiet
expect_status 3 "starting the maintenance"

incident=$(cachet incident open "Errors after deploy" --component api=partial-outage \
    --message "Some requests fail" --json | sed -n 's/^  "id": \([0-9]*\),$/\1/p')
[ -n "$incident" ] || { echo "no incident id" >&2; exit 1; }
expect_status 3 "opening an incident during maintenance"

cachet incident update "$incident" --status identified --message "Rolling back" --quiet
expect_status 3 "updating the incident"

cachet incident resolve "$incident" --message "Rolled back" --quiet
expect_status 3 "resolving the incident"

cachet maintenance complete "$window" --quiet
expect_status 0 "completing the maintenance"

cachet component set-status website major-outage --quiet
expect_status 2 "a major outage"
echo "deploy scenario passed"
