"""A throwaway PostgreSQL cluster on loopback for one test run, from the machine's own binaries.

initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user (Debian's package
creates it) and its programs run through `runuser`. The cluster trusts local connections, keeps no data across
runs (fsync off, in a temporary folder) and the tests use an unprivileged role with CREATEDB, as a bureau's
IT administrator would set up (README).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROLE = "ipreg"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    candidates = [Path(p).parent for p in (shutil.which("initdb"), shutil.which("pg_ctl")) if p]
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LocalCluster:
    folder: Path
    port: int
    bin: Path
    owner: str | None  # the system user running the server when we are root

    @property
    def url(self) -> str:
        return f"postgresql://{ROLE}@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    @classmethod
    def start(cls) -> LocalCluster:
        folder_bin = binaries()
        if folder_bin is None:
            raise RuntimeError("需要 PostgreSQL：请安装 Debian 的 postgresql 包，或设置 IPREG_TEST_PG")
        owner = None
        folder = Path(tempfile.mkdtemp(prefix="ipreg-pg-"))
        if os.geteuid() == 0:
            owner = "postgres"
            user = pwd.getpwnam(owner)
            os.chown(folder, user.pw_uid, user.pw_gid)
        cluster = cls(folder, _free_port(), folder_bin, owner)
        data = folder / "data"
        cluster._run("initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale")
        options = (
            f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c autovacuum=off"
        )
        cluster._run("pg_ctl", "-D", str(data), "-l", str(folder / "log"), "-w", "-o", options, "start")
        import psycopg

        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{cluster.port}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE ROLE {ROLE} LOGIN CREATEDB")
        return cluster

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
