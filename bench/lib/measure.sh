# Shell functions shared by the benchmark run scripts (bench/stack-candidates/run,
# bench/gateway-overhead/run): the processes a run starts, the machine's other load, measured runs
# that are redone when other processes disturb them, wrk scripts and output, curl checks, nginx.
#
# The sourcing script sets LOGS (its temp directory), RAW (the raw output file), TRIES and
# MAX_NOISE, and appends the pid of every process it starts to PIDS (their CPU time is "ours", not
# other load). All traffic stays on loopback.

PIDS=()

stop_started() { # stops every process of PIDS (the run's exit trap)
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}

wait_port() { # $1 = port; waits up to 30 s for a listener there (no request: it would fill a proxy's pool)
  for _ in $(seq 1 300); do
    [ -n "$(ss -Hltn "( sport = :$1 )")" ] && return 0
    sleep 0.1
  done
  echo "run: nothing listens on port $1" >&2
  return 1
}

wait_port_free() { # $1 = port; waits up to 5 s until nothing listens there
  for _ in $(seq 1 50); do
    [ -z "$(ss -Hltn "( sport = :$1 )")" ] && return 0
    sleep 0.1
  done
}

# ---- CPU and memory ---------------------------------------------------------------------------
cpu_ticks() { # utime + stime of pid $1 and its child processes (nginx's workers), in clock ticks
  local sum=0 p t
  for p in "$1" $(pgrep -P "$1" 2>/dev/null); do
    t="$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null)" || t=0
    sum=$((sum + ${t:-0}))
  done
  echo "$sum"
}

rss_mib() { # resident memory of pid $1 and its child processes, MiB
  ps -o rss= -p "$(echo "$1" $(pgrep -P "$1" 2>/dev/null) | tr ' ' ,)" | awk '{s += $1} END {printf "%.0f", s / 1024}'
}

busy_ticks() { # all CPUs' non-idle time, in clock ticks
  awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8}' /proc/stat
}

ours_ticks() { # CPU time of the processes this run started
  local sum=0 pid
  for pid in "${PIDS[@]}"; do sum=$((sum + $(cpu_ticks "$pid"))); done
  echo "$sum"
}

per_request_us() { # $1 = CPU clock ticks, $2 = requests: CPU µs per request
  awk -v c="$1" -v n="${2:-0}" -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", (n > 0 ? c / t * 1e6 / n : 0)}'
}

wait_quiet() { # waits (at most 30 s) until other processes use under 10% of the machine for 2 s
  local b o waited=0 other
  while :; do
    b="$(busy_ticks)"; o="$(ours_ticks)"
    sleep 2
    other=$(( ($(busy_ticks) - b) - ($(ours_ticks) - o) ))
    # 2 s x cores x CLK_TCK ticks available; 10% of that
    [ $((other * 10)) -lt $((2 * $(nproc) * $(getconf CLK_TCK))) ] && return 0
    [ "$waited" -ge 30 ] && { echo "run: the machine stays busy with other work; measuring anyway" >&2; return 0; }
    [ "$waited" -eq 0 ] && echo "run: other processes are using the CPU; waiting for quiet..." >&2
    waited=$((waited + 2))
  done
}

# ---- measured runs ----------------------------------------------------------------------------
RUN_OUT=""   # stdout of the last run
OTHER_PCT=0  # share of the machine used by processes not started by this run, during the last run
timed_run() { # $1 = label, then a command (a load generator, time-limited by the caller).
  # Its stdout goes to RUN_OUT and, under the label, to RAW. Its own CPU time counts as ours.
  local label="$1" b o t0 t1 gen_cpu
  shift
  b="$(busy_ticks)"; o="$(ours_ticks)"; t0="$(date +%s%N)"
  RUN_OUT="$( { TIMEFORMAT='%U %S'; time "$@"; } 2>"$LOGS/run.err")" \
    || RUN_OUT="$1 failed or timed out: $RUN_OUT $(grep -v '^[0-9.]* [0-9.]*$' "$LOGS/run.err" | head -3)"
  t1="$(date +%s%N)"
  gen_cpu="$(tail -1 "$LOGS/run.err" | awk -v t="$(getconf CLK_TCK)" 'NF == 2 {printf "%.0f", ($1 + $2) * t}')"
  OTHER_PCT="$(awk -v busy=$(( $(busy_ticks) - b )) -v ours=$(( $(ours_ticks) - o )) -v g="${gen_cpu:-0}" \
    -v ns=$((t1 - t0)) -v t="$(getconf CLK_TCK)" -v n="$(nproc)" \
    'BEGIN {x = (busy - ours - g) / (ns / 1e9 * t * n) * 100; printf "%.0f", (x < 0 ? 0 : x)}')"
  { echo "### $label (other processes: $OTHER_PCT% of the machine)"; echo "$RUN_OUT"; echo; } >>"$RAW"
}

SERVED_TICKS=0 # CPU ticks the serving process used during the run measured_run kept
measured_run() { # $1 = label, $2 = pid of the process serving the load, then the command.
  # One measured run, redone (TRIES times at most) while other processes take more than
  # MAX_NOISE % of the machine; keeps the least disturbed attempt in RUN_OUT, OTHER_PCT and SERVED_TICKS.
  # BEFORE_EACH, when set, names a command run before each attempt, outside what is measured.
  local label="$1" pid="$2" try t0 ticks best_out="" best_noise=101 best_ticks=0
  shift 2
  for try in $(seq 1 "$TRIES"); do
    [ -z "${BEFORE_EACH:-}" ] || $BEFORE_EACH
    wait_quiet
    t0="$(cpu_ticks "$pid")"
    timed_run "$label" "$@"
    ticks=$(( $(cpu_ticks "$pid") - t0 ))
    if [ "$OTHER_PCT" -lt "$best_noise" ]; then best_out="$RUN_OUT"; best_noise="$OTHER_PCT"; best_ticks="$ticks"; fi
    [ "$OTHER_PCT" -le "$MAX_NOISE" ] && break
    echo "run: $label: other processes took $OTHER_PCT% of the machine; again..." >&2
  done
  RUN_OUT="$best_out"; OTHER_PCT="$best_noise"; SERVED_TICKS="$best_ticks"
}

# ---- requests and wrk -------------------------------------------------------------------------
body() { # $1 = model, $2 = stream flag
  echo "{\"model\":\"$1\",\"stream\":$2,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the benchmark\"}]}"
}

post() { # $1 = port, $2 = key, $3 = model, $4 = stream, then curl options
  local port="$1" key="$2" model="$3" stream="$4"
  shift 4
  curl -s -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$(body "$model" "$stream")" \
    "$@" "http://127.0.0.1:$port/api/v1/chat/completions"
}

wrk_lua() { # $1 = key, $2 = stream flag, $3 = pause before each request in ms (0: none)
  cat <<LUA
wrk.method = "POST"
wrk.body = '$(body sim/instant "$2")'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $1"
LUA
  [ "$3" -gt 0 ] && echo "function delay() return $3 end"
  return 0
}

field() { # $1 = what: rps|p50|p99|requests|errors, from wrk's output in RUN_OUT
  case "$1" in
    rps) awk '/Requests\/sec/ {print $2}' <<<"$RUN_OUT" ;;
    p50) awk '$1 == "50%" {print $2}' <<<"$RUN_OUT" ;;
    p99) awk '$1 == "99%" {print $2}' <<<"$RUN_OUT" ;;
    requests) awk '/requests in/ {print $1}' <<<"$RUN_OUT" ;;
    errors) { awk '/Non-2xx/ {s += $5} /Socket errors/ {gsub(",", ""); s += $4 + $6 + $8 + $10} END {print s + 0}' <<<"$RUN_OUT"; } ;;
  esac
}

ratio() { # $1 = req/s, $2 = the reference's req/s
  awk -v a="$1" -v b="$2" 'BEGIN {if (a > 0 && b > 0) printf "%.2f", a / b; else printf "-"}'
}

# ---- behaviour ----------------------------------------------------------------------------------
check_relay() { # $1 = port, $2 = key: plain and SSE answers and a 400 relayed; prints ok or FAIL with a reason
  local h b
  h="$(post "$1" "$2" sim/instant false --max-time 5 -D - -o "$LOGS/plain.json" | tr -d '\r')"
  b="$(wc -c <"$LOGS/plain.json")"
  grep -q '^HTTP/1.1 200' <<<"$h" || { echo "FAIL plain status"; return; }
  grep -qi '^content-type: application/json' <<<"$h" || { echo "FAIL plain content-type"; return; }
  grep -qi "^content-length: $b\$" <<<"$h" || { echo "FAIL plain content-length"; return; }
  h="$(post "$1" "$2" sim/instant true --max-time 5 -N -D - -o "$LOGS/stream.txt" | tr -d '\r')"
  grep -qi '^content-type: text/event-stream' <<<"$h" || { echo "FAIL stream content-type"; return; }
  [ "$(grep -c '^data: ' "$LOGS/stream.txt")" -ge 20 ] || { echo "FAIL stream events"; return; }
  [ "$(grep '^data: ' "$LOGS/stream.txt" | tail -1 | tr -d '\r')" = "data: [DONE]" ] || { echo "FAIL no [DONE]"; return; }
  h="$(post "$1" "$2" no/such-model false --max-time 5 -D - -o /dev/null | tr -d '\r')"
  grep -q '^HTTP/1.1 400' <<<"$h" && grep -qi '^content-type: application/json' <<<"$h" \
    || { echo "FAIL error status not relayed"; return; }
  echo ok
}

# ---- nginx ------------------------------------------------------------------------------------
NGINX="${NGINX:-/usr/sbin/nginx}"
NGINX_PID=""
start_nginx() { # $1 = listen port, $2 = upstream port, $3 = upstream key. A plain reverse proxy: 2 workers,
  # upstream keepalive, no buffering, the upstream key set as the Authorization header. The master
  # runs in the foreground (daemon off), so NGINX_PID is the master; the workers are its children.
  local dir="$LOGS/nginx"
  mkdir -p "$dir/tmp"
  cat >"$dir/nginx.conf" <<NGINX
worker_processes 2;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log error;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  upstream simulator {
    server 127.0.0.1:$2;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$1 backlog=1024;
    location / {
      proxy_pass http://simulator;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "Bearer $3";
      proxy_buffering off;
      proxy_request_buffering off;
    }
  }
}
NGINX
  chmod 755 "$LOGS" "$dir"; chmod 777 "$dir/tmp" # its workers run as nobody
  "$NGINX" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" >>"$LOGS/nginx.log" 2>&1 &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  wait_port "$1"
}

nginx_upstream_errors() { # errors nginx logged about its upstream (it answers 502/504 on those): "count (first)"
  local n first
  n="$(grep -c "upstream" "$LOGS/nginx/error.log" 2>/dev/null || true)"
  first="$(grep -m1 "upstream" "$LOGS/nginx/error.log" 2>/dev/null | sed 's/^.*\[error\] [0-9#]*: //; s/|/\\|/g' | cut -c1-110 || true)"
  echo "${n:-0}${first:+ ($first)}"
}
