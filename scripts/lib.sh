# Shared helpers for the project's scripts: system packages and the database services.

step() { printf '\n==> %s\n' "$*"; }

die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages that are not installed yet.
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq || true
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
      || die "could not install ${missing[*]}"
  fi
}

# Waits up to 30 s for a check command to succeed.
wait_for() {
  local what=$1; shift
  for _ in $(seq 1 60); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  die "$what is not reachable; the database suites cannot run"
}

ensure_postgres() {
  if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1; then
    step "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  wait_for "PostgreSQL on 127.0.0.1:5432" psql -h 127.0.0.1 -U postgres -c 'SELECT 1'
}

ensure_mariadb() {
  if ! mariadb-admin -h 127.0.0.1 -uroot ping >/dev/null 2>&1; then
    step "starting MariaDB"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  fi
  wait_for "MariaDB on 127.0.0.1:3306" mariadb -h 127.0.0.1 -uroot -e 'SELECT 1'
}
