"""A throwaway PostgreSQL server for the test session: own cluster in a temp dir, unprivileged user, random port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN_CANDIDATES = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"]


def find_bin() -> Path | None:
    for c in PG_BIN_CANDIDATES:
        if (Path(c) / "initdb").exists():
            return Path(c)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    def __init__(self) -> None:
        bindir = find_bin()
        if bindir is None:
            raise RuntimeError("PostgreSQL server binaries (initdb) not found; run scripts/install-test-deps.sh")
        self.bindir = bindir
        self.tmp = Path(tempfile.mkdtemp(prefix="consulent-pg-"))
        self.data = self.tmp / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            # PostgreSQL refuses to run as root: hand the cluster to the unprivileged `postgres` user.
            shutil.chown(self.tmp, user="postgres", group=None)
            os.chmod(self.tmp, 0o700)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True)

    def start(self) -> str:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        return self.herstart()

    def onderbreek(self) -> None:
        """Stop the server, dropping every connection (as a dropped VPN looks to the client); `herstart` brings it
        back. Mode 'fast', not 'immediate': this throwaway server runs with synchronous_commit=off, so a crash
        would lose commits the client was told about."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def herstart(self) -> str:
        opts = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.tmp} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l", str(self.tmp / "log"),
                  "-w", "-t", "60", "start")
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.tmp, ignore_errors=True)
