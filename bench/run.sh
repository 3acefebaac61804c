#!/usr/bin/env bash
# Platform benchmark (docs/performance.md): wrk against
#   1. nginx serving a small static file (the ceiling of this machine),
#   2. wijkkader GET /healthz (no database),
#   3. wijkkader GET /api/v1/me with a session cookie (session look-up, user, roles,
#      teams, organisation: the work every authenticated request does),
# each ROUNDS times, alternating, so that noise from the shared machine hits all alike.
# Prints the median requests/s and p50 latency and writes them to bench/results/.
# Needs: make bench (installs wrk and nginx-light, builds Release).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
bin=${WIJKKADER_BIN:-$PWD/build/wijkkader}
work=$(mktemp -d "${TMPDIR:-/tmp}/wijkkader-bench.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# nginx, as the ceiling: same loopback, same kind of tiny answer.
nginx_port=$(free_port)
mkdir -p "$work/nginx/www"
chmod 755 "$work" "$work/nginx" "$work/nginx/www"  # nginx workers run as an unprivileged user
printf '{"status":"ok"}' >"$work/nginx/www/healthz"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$nginx_port; root $work/nginx/www; default_type application/json; }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=($!)

# wijkkader on SQLite with the demo organisation and a benchmark user.
port=$(free_port)
"$bin" serve --database "$work/bench.db" --demo --port "$port" --bind 127.0.0.1 >/dev/null 2>"$work/server.log" &
pids+=($!)
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
echo "$password" | "$bin" user add --database "$work/bench.db" --org smd --email bench@smd.example \
  --name Bench --role coach --role team_manager --team "Wijkteam Centrum" --team "Wijkteam Noord" \
  --password-stdin >/dev/null
cookie=$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"bench@smd.example\",\"password\":\"$password\"}" "http://127.0.0.1:$port/api/v1/session" |
  sed -n 's/^Set-Cookie: \(wk_session=[^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "bench: log-in failed" >&2; exit 1; }
curl -fsS -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/me" >/dev/null

run_wrk() {  # name url [header]  → appends "name rps p50_ms" to $work/raw
  local out
  if [ $# -ge 3 ]; then out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$3" "$2")
  else out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2"); fi
  local rps p50 non2xx
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  [ -z "$non2xx" ] || { echo "bench: $1 had $non2xx non-2xx answers" >&2; exit 1; }
  echo "$1 $rps $p50" >>"$work/raw"
  printf '  %-14s %10s req/s   p50 %s ms\n' "$1" "$rps" "$p50"
}

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round/$ROUNDS (wrk -t$THREADS -c$CONNECTIONS -d$DURATION)"
  run_wrk nginx-static "http://127.0.0.1:$nginx_port/healthz"
  run_wrk healthz "http://127.0.0.1:$port/healthz"
  run_wrk me "http://127.0.0.1:$port/api/v1/me" "Cookie: $cookie"
done

mkdir -p bench/results
result=bench/results/platform-$(date -u +%Y%m%dT%H%M%SZ).txt
{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS rounds, medians"
  for name in nginx-static healthz me; do
    awk -v n="$name" '$1==n {print $2, $3}' "$work/raw" | sort -n | awk -v n="$name" '
      {rps[NR]=$1; lat[NR]=$2} END {m=int((NR+1)/2); printf "%-14s median %10.0f req/s  (p50 latency of that round %s ms)\n", n, rps[m], lat[m]}'
  done
  nginx=$(awk '$1=="nginx-static" {print $2}' "$work/raw" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  for name in healthz me; do
    med=$(awk -v n="$name" '$1==n {print $2}' "$work/raw" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    awk -v n="$name" -v m="$med" -v c="$nginx" 'BEGIN {printf "%-14s %.2f of nginx\n", n, m/c}'
  done
} | tee "$result"
