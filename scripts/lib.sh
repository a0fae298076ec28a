# shellcheck shell=bash
# Helpers shared by scripts/test, scripts/run and scripts/lint. Sourced, never run.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

is_root_with_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

apt_install() {
    is_root_with_apt || return 1
    if [ -z "${_APT_UPDATED:-}" ]; then
        apt-get update -qq || return 1
        _APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# pip_install_missing MODULE:DISTRIBUTION... installs the distributions whose module does
# not import. PIP_BREAK_SYSTEM_PACKAGES lets pip write to an externally managed Python
# (Debian/Ubuntu, the official Odoo image); older pips ignore it.
pip_install_missing() {
    local spec missing=()
    for spec in "$@"; do
        python3 -c "import ${spec%%:*}" >/dev/null 2>&1 || missing+=("${spec#*:}")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    log "installing Python packages: ${missing[*]}"
    PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install -q "${missing[@]}"
}

require_odoo() {
    if ! python3 -c "import odoo.release as r; assert r.version_info[0] == 18" >/dev/null 2>&1; then
        die "Odoo 18.0 is not importable by python3: 'python3 -c \"import odoo\"' must import" \
            "Odoo 18.0 with its Python requirements. This project does not install Odoo;" \
            "see README.md, section \"Without Docker\"."
    fi
}

# Our addons: the directories of addons/ that hold a manifest, comma-separated.
our_addons() {
    local dir names=()
    for dir in "$REPO_ROOT"/addons/*/; do
        if [ -f "$dir/__manifest__.py" ]; then
            names+=("$(basename "$dir")")
        fi
    done
    local IFS=,
    printf '%s' "${names[*]}"
}

# The repository's addons followed by the default addons directories of the imported Odoo
# (ODOO_RC unset: the official image points it at a config naming /mnt/extra-addons).
addons_path() {
    local odoo_path
    odoo_path="$(env -u ODOO_RC -u OPENERP_SERVER python3 -c "from odoo.tools import config; config.parse_config([]); print(config['addons_path'])" | tail -n 1)"
    printf '%s,%s' "$REPO_ROOT/addons" "$odoo_path"
}

ensure_postgres_client() {
    command -v psql >/dev/null 2>&1 && return 0
    log "installing postgresql-client (apt-get)"
    apt_install postgresql-client >/dev/null || die "psql/pg_isready/dropdb are missing: install PostgreSQL's client tools."
}

# Starts the local clusters when PostgreSQL does not answer and this machine manages them.
ensure_postgres() {
    ensure_postgres_client
    pg_isready -q && return 0
    if command -v pg_ctlcluster >/dev/null 2>&1 && command -v pg_lsclusters >/dev/null 2>&1; then
        log "PostgreSQL does not answer: starting its clusters"
        local ver name _rest
        while read -r ver name _rest; do
            pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start || true
        done < <(pg_lsclusters --no-header)
        for _ in $(seq 1 30); do
            pg_isready -q && return 0
            sleep 1
        done
    fi
    die "PostgreSQL is not reachable (pg_isready fails). Start it, or point the libpq variables" \
        "PGHOST/PGPORT/PGUSER/PGPASSWORD at a server."
}

# Odoo needs a role that may create databases and is not 'postgres' (Odoo refuses to run as
# it). When ours cannot, and 'postgres' is reachable (trust authentication), use odoo_test.
ensure_pg_role() {
    local role="${PGUSER:-${USER:-$(id -un)}}"
    if [ "$role" != postgres ] && [ "$(psql -X -d postgres -tAc \
        'SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user' 2>/dev/null)" = t ]; then
        return 0
    fi
    if ! psql -X -U postgres -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
        die "PostgreSQL role '$role' cannot create databases, and role 'postgres' is not reachable" \
            "to create one that can. Set PGUSER (and PGPASSWORD) to a role with CREATEDB."
    fi
    log "PostgreSQL role '$role' cannot create databases (or is 'postgres'): using role odoo_test"
    psql -X -q -U postgres -d postgres -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'odoo_test') THEN
        ALTER ROLE odoo_test WITH LOGIN CREATEDB;
    ELSE
        CREATE ROLE odoo_test WITH LOGIN CREATEDB;
    END IF;
END
$$;
SQL
    export PGUSER=odoo_test
}
