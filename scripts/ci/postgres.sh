# Sourced by .ci/run: start Debian's PostgreSQL cluster and export
# SIGILO_TEST_PG_URL for the collector's PostgreSQL store suite.
pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q .; then
  pg_createcluster "$pg_version" main >/dev/null
fi
cluster=$(pg_lsclusters -h | head -n 1)
read -r pg_ver pg_name pg_port _ <<<"$cluster"
pg_ctlcluster "$pg_ver" "$pg_name" start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$pg_port" && break
  sleep 1
done
su postgres -c "psql -q -p $pg_port -tc \"SELECT 1 FROM pg_roles WHERE rolname='sigilo'\" | grep -q 1 || psql -q -p $pg_port -c \"CREATE ROLE sigilo LOGIN PASSWORD 'sigilo' CREATEDB\""
su postgres -c "psql -q -p $pg_port -tc \"SELECT 1 FROM pg_database WHERE datname='sigilo_test'\" | grep -q 1 || createdb -p $pg_port -O sigilo sigilo_test"
export SIGILO_TEST_PG_URL="postgres://sigilo:sigilo@127.0.0.1:${pg_port}/sigilo_test"
echo "ci: PostgreSQL $pg_ver/$pg_name on port $pg_port"
