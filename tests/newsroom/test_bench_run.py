"""The benchmark times the server side in a process of its own, as a worker is started, and says when that fails."""

import json
import subprocess
from types import SimpleNamespace
from unittest import mock

import pytest

from bench import run


def _args():
    return SimpleNamespace(database_url="postgres://bench/db", redis_url="redis://bench/1", workers=2)


def test_the_server_side_timings_run_in_a_new_process_and_come_back_as_json():
    answered = subprocess.CompletedProcess([], 0, stdout='a line of its own\n{"search common": {"median_ms": 9.5}}\n')
    with mock.patch.object(run.subprocess, "run", return_value=answered) as started:
        found = run.server_side_apart(_args(), {"search common": "/ar/search/?q=x"})
    assert found == {"search common": {"median_ms": 9.5}}
    command = started.call_args.args[0]
    assert command[1:4] == ["-m", "bench.run", "--server-side"]
    assert json.loads(command[4]) == {"search common": "/ar/search/?q=x"}
    assert command[5:] == ["--database-url", "postgres://bench/db", "--redis-url", "redis://bench/1"]
    assert started.call_args.kwargs["env"]["DATABASE_URL"] == "postgres://bench/db"


def test_a_failed_timing_process_stops_the_run_with_what_it_said():
    failed = subprocess.CompletedProcess([], 1, stdout="", stderr="Traceback: the database is away")
    with mock.patch.object(run.subprocess, "run", return_value=failed), pytest.raises(RuntimeError, match="away"):
        run.server_side_apart(_args(), {})
