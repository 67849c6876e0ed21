#!/usr/bin/env bash
# Serve LowRank Lab to a big room: N `streamlit run app.py` processes behind nginx.
#
#   deploy/serve.sh N [PORT]     # N processes (default 2), the class opens http://HOST:PORT
#
# PORT (default 8501) is nginx's; the processes listen on free loopback ports. Every process
# gets the same cookie secret, so Streamlit's XSRF cookie is valid on each of them. nginx runs in
# the foreground from a temporary prefix (config, logs, pid: printed at start). Ctrl-C, SIGTERM or
# any of them exiting stops every process this script started. Environment: PYTHON (the
# interpreter with the app's requirements; default .venv/bin/python, else python3), NGINX
# (default nginx from PATH or /usr/sbin/nginx), LISTEN (default 0.0.0.0; 127.0.0.1 for tests).
set -euo pipefail

N=${1:-2}
PORT=${2:-8501}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
LISTEN=${LISTEN:-0.0.0.0}
[[ "$N" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 N [PORT]  (N processes, N ≥ 1)" >&2; exit 2; }
[ -x "$NGINX" ] || { echo "nginx not found (apt-get install -y nginx)" >&2; exit 1; }

PREFIX=$(mktemp -d /tmp/lowrank-serve.XXXXXX)
mkdir -p "$PREFIX"/temp
PIDS=()

stop() {
    trap - EXIT INT TERM
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    echo "stopped ${#PIDS[@]} processes; logs in $PREFIX"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
healthy() { "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2>/dev/null; }
# server.maxUploadSize (MB) from the app's config, plus 1 MB for the multipart envelope.
MAX_UPLOAD=$(sed -n 's/^maxUploadSize *= *\([0-9]*\).*/\1/p' "$ROOT/.streamlit/config.toml")
MAX_BODY=$(( ${MAX_UPLOAD:-200} + 1 ))
SECRET=$("$PYTHON" -c 'import secrets; print(secrets.token_hex(32))')

SERVERS=""
BACKENDS=()
cd "$ROOT"
for i in $(seq 1 "$N"); do
    port=$(free_port)
    STREAMLIT_SERVER_COOKIE_SECRET=$SECRET "$PYTHON" -m streamlit run app.py \
        --server.address 127.0.0.1 --server.port "$port" --server.headless true \
        --browser.gatherUsageStats false --server.fileWatcherType none \
        >"$PREFIX/app-$i.log" 2>&1 &
    PIDS+=($!)
    BACKENDS+=("$port")
    SERVERS+="        server 127.0.0.1:$port max_fails=1 fail_timeout=10s;"$'\n'
done

for port in "${BACKENDS[@]}"; do  # every process answers /_stcore/health before nginx opens
    for _ in $(seq 1 300); do
        healthy "http://127.0.0.1:$port/_stcore/health" && break
        for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "a process exited; see $PREFIX" >&2; exit 1; }; done
        sleep 0.2
    done
    healthy "http://127.0.0.1:$port/_stcore/health" || { echo "127.0.0.1:$port never became healthy" >&2; exit 1; }
done

USER_LINE=""
if [ "$(id -u)" = 0 ]; then  # nginx's workers drop root; they write the request-body temp files
    USER_LINE="user nobody nogroup;"
    chown -R nobody "$PREFIX/temp"
fi
"$PYTHON" - "$ROOT/deploy/nginx.conf.template" "$PREFIX/nginx.conf" <<PY
import sys
text = open(sys.argv[1], encoding="utf-8").read()
for name, value in {"USER": "$USER_LINE", "PREFIX": "$PREFIX", "LISTEN": "$LISTEN:$PORT",
                    "MAX_BODY": "$MAX_BODY", "SERVERS": """$SERVERS""".rstrip("\n")}.items():
    text = text.replace(f"@{name}@", value)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
"$NGINX" -t -q -p "$PREFIX" -c "$PREFIX/nginx.conf"
"$NGINX" -p "$PREFIX" -c "$PREFIX/nginx.conf" &
PIDS+=($!)
for _ in $(seq 1 100); do healthy "http://127.0.0.1:$PORT/_stcore/health" && break; sleep 0.1; done
echo "ready: http://$LISTEN:$PORT → ${N} processes on 127.0.0.1:${BACKENDS[*]} (prefix $PREFIX)"
wait -n "${PIDS[@]}"  # the first of them to exit ends the service (the trap stops the others)
echo "a process exited; stopping" >&2
