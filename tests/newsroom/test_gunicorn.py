"""The app server's settings (gunicorn.conf.py)."""

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def test_each_worker_is_forked_with_the_loaded_app_out_of_the_collectors_way():
    """What was loaded before the fork is frozen: a full collection in a worker does not walk it again."""
    conf = runpy.run_path(str(CONF))
    assert conf["preload_app"] is True
    before = gc.get_freeze_count()
    try:
        conf["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
