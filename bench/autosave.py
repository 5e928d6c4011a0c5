"""What open story forms cost the server, and whether 50 of them move the public pages.

    python -m bench.autosave [--stories 300] [--forms 50] [--duration 10]

Part of `make bench` (``bench/run.py`` calls ``measure``), or alone on a small
corpus. Each simulated form is a signed-in editor with their own story whose
browser sends the draft copy exactly as ``static/newsroom_admin/autosave.js``
does: the whole form (both editions' headline, standfirst, dateline and body,
the details), a few seconds after typing pauses. The worst case is measured:
someone typing without stopping for long, so one copy every ``PAUSE`` (3 s)
per form, the most the script sends (while there are no changes it sends
nothing; while typing without a 3 s pause, one every 30 s).

It checks what it measures before measuring: every simulated copy must be
answered 200 and land in the database, or the run stops.
"""

import argparse
import os
import secrets
import statistics
import sys
import threading
import time
import urllib.request

PAUSE = 3.0  # seconds: autosave.js's PAUSE, the shortest gap between two copies of one form


def _form_fields(revision) -> dict:
    from articles.models.content import content_names

    fields = {}
    for name in content_names():
        value = getattr(revision, f"{name}_id" if name in ("section", "lead_image") else name)
        fields[name] = "" if value is None else str(value)
    fields["authors"] = [str(author.pk) for author in revision.ordered_authors()]
    fields["note"] = ""
    return fields


def _forms(count: int) -> list[dict]:
    """``count`` editors, each signed in with the story form of one live story open."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from articles.models import Article

    users = get_user_model().objects
    editors = Group.objects.get(name="Editors")
    stories = list(Article.objects.live().select_related("latest_revision").order_by("-id")[:count])
    if len(stories) < count:
        raise SystemExit(f"need {count} live stories, have {len(stories)}")
    forms = []
    for index, story in enumerate(stories):
        user, _created = users.get_or_create(username=f"bench-typist-{index}", defaults={"is_staff": True})
        user.groups.add(editors)
        client = Client()
        client.force_login(user)
        fields = _form_fields(story.latest_revision)
        fields["base_revision"] = str(story.latest_revision_id)
        forms.append(
            {"story": story.pk, "user": user.pk, "session": client.cookies["sessionid"].value, "fields": fields}
        )
    return forms


class OpenForm(threading.Thread):
    """One editor typing in one story form: a draft copy every ``PAUSE`` seconds, each a little longer."""

    def __init__(self, base: str, form: dict, stop: threading.Event, start_after: float):
        super().__init__(daemon=True)
        self.url = f"{base}/admin/drafts/draftbuffer/{form['story']}/"
        self.form, self.stop, self.start_after = form, stop, start_after
        self.csrf = secrets.token_hex(16)  # a CSRF secret; the header carries it unmasked
        self.sent, self.failed, self.bytes_up, self.bytes_down, self.ms = 0, 0, 0, 0, []

    def run(self):
        from urllib.parse import urlencode

        if self.stop.wait(self.start_after):
            return
        typed = 0
        while not self.stop.is_set():
            typed += 1
            fields = dict(self.form["fields"])
            fields["body_ar"] = fields["body_ar"] + f"<p>{'كلمة ' * (12 * typed)}</p>"
            body = urlencode(fields, doseq=True).encode()
            request = urllib.request.Request(  # noqa: S310 - the local benchmark server
                self.url,
                data=body,
                headers={
                    "Cookie": f"sessionid={self.form['session']}; csrftoken={self.csrf}",
                    "X-CSRFToken": self.csrf,
                    "Referer": self.url,
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            began = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                    answer = response.read()
                    ok = response.status == 200 and b'"time"' in answer
            except OSError:
                ok, answer = False, b""
            self.ms.append((time.perf_counter() - began) * 1000)
            self.sent += 1
            self.failed += not ok
            self.bytes_up += len(body)
            self.bytes_down += len(answer)
            self.stop.wait(PAUSE)


def _public_figures(base: str, addresses: dict[str, str], args) -> dict:
    from bench.run import wrk

    return {
        name: wrk(base + path, duration=args.duration, connections=args.connections, threads=args.threads)
        for name, path in addresses.items()
    }


def measure(args, addresses: dict[str, str], *, forms: int = 50) -> dict:
    """The public pages with no form open, then with ``forms`` forms autosaving; the forms' own cost."""
    from bench.run import log, server_env
    from drafts.models import DraftBuffer
    from tests.servers import app_server

    opened = _forms(forms)
    with app_server(server_env(args, page_cache=True), workers=args.workers) as base:
        for path in addresses.values():
            for _ in range(20):
                urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 - warm
        log("autosave: public pages, no form open ...")
        alone = _public_figures(base, addresses, args)
        stop = threading.Event()
        threads = [OpenForm(base, form, stop, start_after=PAUSE * i / forms) for i, form in enumerate(opened)]
        for thread in threads:
            thread.start()
        time.sleep(PAUSE * 2)  # every form has sent at least once
        log(f"autosave: public pages, {forms} forms autosaving ...")
        began = time.monotonic()
        busy = _public_figures(base, addresses, args)
        seconds = time.monotonic() - began
        stop.set()
        for thread in threads:
            thread.join(timeout=35)
    sent = sum(thread.sent for thread in threads)
    failed = sum(thread.failed for thread in threads)
    if failed or DraftBuffer.objects.filter(user_id__in=[form["user"] for form in opened]).count() != forms:
        raise SystemExit(f"autosave: {failed} of {sent} copies failed; not measuring a broken autosave")
    times = sorted(ms for thread in threads for ms in thread.ms)
    per_minute = 60 / PAUSE
    each = {
        "requests_per_minute": per_minute,
        "bytes_up_per_minute": round(sum(t.bytes_up for t in threads) / sent * per_minute),
        "bytes_down_per_minute": round(sum(t.bytes_down for t in threads) / sent * per_minute),
        "server_ms_per_request_p50": round(statistics.median(times), 1),
        "server_ms_per_request_p95": round(times[int(len(times) * 0.95) - 1], 1),
        "server_ms_per_minute": round(statistics.mean(times) * per_minute),
    }
    change = {
        name: {
            "rps_ratio": round(busy[name]["rps"] / alone[name]["rps"], 3),
            "p99_ms_alone": alone[name]["p99_ms"],
            "p99_ms_busy": busy[name]["p99_ms"],
        }
        for name in addresses
    }
    DraftBuffer.objects.filter(user_id__in=[form["user"] for form in opened]).delete()
    return {
        "forms": forms,
        "copies_sent": sent,
        "copies_per_second": round(sent / seconds, 1),
        "one_form": each,
        "public_alone": alone,
        "public_with_forms": busy,
        "public_change": change,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--revisions", type=int, default=2)
    parser.add_argument("--forms", type=int, default=50)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/newsroom_bench")
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))
    args = parser.parse_args(argv)
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    from bench import run

    os.environ.update(run.server_env(args))
    run.prepare(args)
    import subprocess

    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=root,
        env=run.server_env(args),
        check=True,
    )
    from articles.models import Article

    story = Article.objects.live().order_by("-id").first()
    from urllib.parse import quote

    addresses = {"home": "/ar/", "story": quote(f"/ar/news/{story.pk}/{story.slug}/")}
    import json

    print(json.dumps(measure(args, addresses, forms=args.forms), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
