"""Real server processes for tests that cross process boundaries.

Used by the storage and multi-server tests: an S3-compatible server (moto in
server mode) and app servers (gunicorn) started on free ports, stopped when
the test ends; the static files they serve are collected once per run.
"""

import contextlib
import fcntl
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, *, timeout: float = 30.0, process: subprocess.Popen | None = None) -> None:
    """Poll ``url`` until it answers (any HTTP status) or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{output_of(process)}")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - local test server
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@contextlib.contextmanager
def running(command: list[str], *, url: str, env: dict | None = None, timeout: float = 30.0):
    """Run ``command`` until the block ends; ``url`` tells when it is ready."""
    with running_together([(command, url, env or {})], timeout=timeout) as (process,):
        yield process


def output_of(process: subprocess.Popen) -> str:
    """What a server started by ``running_together`` has written so far."""
    written = process.written
    written.flush()
    written.seek(0)
    return written.read()


@contextlib.contextmanager
def running_together(commands: list[tuple[list[str], str, dict]], *, timeout: float = 30.0, output: Path | None = None):
    """Run each ``(command, url, env)`` until the block ends, all started and stopped at once.

    Servers boot in parallel, and stop in parallel too (gunicorn takes about a
    second to stop): a test with two app servers waits for one of each, not two.
    What each writes goes to a file (``output``, or one of its own that goes
    when it stops), never to a pipe that is read only at the end: a server
    that wrote more than the pipe holds would stop, stuck on its next line.
    """
    processes = []
    failed = True
    try:
        for command, _, env in commands:
            written = open(output, "a+") if output else tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed below
            process = subprocess.Popen(
                command, cwd=ROOT, env={**os.environ, **env}, stdout=written, stderr=subprocess.STDOUT, text=True
            )
            process.written = written
            processes.append(process)
        for process, (_, url, _) in zip(processes, commands, strict=True):
            wait_for(url, timeout=timeout, process=process)
        yield processes
        failed = False
    finally:
        for process in processes:
            process.terminate()
        for process, (command, _, _) in zip(processes, commands, strict=False):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if failed:  # shown by pytest beside the failure
                print(f"--- output of {command[0]} ---\n{output_of(process)}")
            process.written.close()


@contextlib.contextmanager
def s3_server():
    """An S3-compatible endpoint (moto's server mode) with bucket ``newsroom-media``."""
    import boto3

    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    with running([str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)], url=endpoint):
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name="us-east-1",
        )
        client.create_bucket(Bucket="newsroom-media")
        client.put_bucket_policy(
            Bucket="newsroom-media",
            Policy='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",'
            '"Action":"s3:GetObject","Resource":"arn:aws:s3:::newsroom-media/*"}]}',
        )
        yield {
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": "newsroom-media",
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        }


@contextlib.contextmanager
def collected_static(tmp_dir: Path):
    """Collect static files once into ``tmp_dir`` (production serves hashed names)."""
    _collectstatic(tmp_dir)
    yield tmp_dir


def collected_static_once(folder: Path) -> Path:
    """Static files collected into ``folder`` by the first process to ask; the others wait and reuse them.

    The suite's ``static_root`` fixture: one collection (hashing and
    compressing every file takes seconds) for every app server of the run,
    whichever xdist worker starts them. The manifest is written last, so a
    folder without it (a collection cut short) is collected again.
    """
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder.with_name(folder.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "staticfiles.json").exists():
            _collectstatic(folder)
    return folder


def _collectstatic(static_root: Path) -> None:
    env = production_env(
        database_url=os.environ.get("DATABASE_URL", "sqlite:///unused.sqlite3"), static_root=static_root
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
    )


def production_env(*, database_url: str, static_root: Path, **extra: str) -> dict:
    """Environment for an app server with production settings, over plain HTTP on localhost."""
    return {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "multi-server-test-secret-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(static_root),
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "TASKS_BACKEND": "immediate",
        "GUNICORN_ACCESS_LOG": "",
        **extra,
    }


@contextlib.contextmanager
def app_server(env: dict, *, workers: int = 1, output: Path | None = None):
    """A gunicorn app server with ``env``; yields its base URL. What it writes goes to ``output`` if given."""
    with app_servers(env, 1, workers=workers, output=output) as (url,):
        yield url


@contextlib.contextmanager
def app_servers(env: dict, count: int, *, workers: int = 1, output: Path | None = None):
    """``count`` gunicorn app servers with ``env``, started together; yields their base URLs."""
    ports: list[int] = []
    while len(ports) < count:
        port = free_port()
        if port not in ports:
            ports.append(port)
    command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "--workers", str(workers), "newsroom.wsgi"]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    commands = [(command, url + "/ar/", {**env, "PORT": str(port)}) for url, port in zip(urls, ports, strict=True)]
    with running_together(commands, timeout=60, output=output):
        yield urls


class RedisServer:
    """A private ``redis-server`` on a free port that a test may stop, pause (SIGSTOP) and restart with its data.

    Never the machine's own Redis: fault tests break this one. Its data is a
    snapshot file in ``directory``, written only when the test says ``save()``,
    so a restart comes back with exactly what was saved (as a server restarted
    from an older snapshot, or a replica that lagged, would).
    """

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory)]
        command += ["--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no", "--logfile", "redis.log"]
        self.process = subprocess.Popen(command, cwd=self.directory, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except OSError:
                pass
            except Exception:  # noqa: BLE001 - redis-py's connection and loading errors
                pass
            time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def client(self):
        import redis

        return redis.Redis(port=self.port, socket_timeout=2, socket_connect_timeout=2)

    def save(self) -> None:
        self.client().save()

    def stop(self) -> None:
        """Stop at once, saving nothing: a restart comes back with the last ``save()``."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        self.start()

    def pause(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def close(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.resume()
        self.stop()


@contextlib.contextmanager
def redis_server(directory: Path):
    """A private Redis for the block (see ``RedisServer``)."""
    server = RedisServer(directory)
    server.start()
    try:
        yield server
    finally:
        server.close()
