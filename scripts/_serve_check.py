"""For scripts/install_check.sh: start ``storyline serve`` on a free port with a new
store, wait until /api/health answers (at most 120 s), check the answer, stop it.
Runs with the Python of the venv under test; standard library only."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request


def main() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(["storyline", "serve", "--port", str(port), "--db", "out/web.db"])
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if server.poll() is not None:
                print(f"serve-check: storyline serve exited {server.returncode}", file=sys.stderr)
                return 1
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=5) as r:
                    body = json.load(r)
                break
            except OSError:
                time.sleep(0.5)
        else:
            print("serve-check: /api/health did not answer in 120 s", file=sys.stderr)
            return 1
        if body.get("status") != "ok" or not str(body.get("store", "")).endswith("web.db"):
            print(f"serve-check: unexpected /api/health answer {body}", file=sys.stderr)
            return 1
        print(f"serve-check: /api/health answered {body}")
        return 0
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
