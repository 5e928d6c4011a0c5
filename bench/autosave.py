"""What open story forms cost the server, and whether 50 of them move the public pages.

    python -m bench.autosave --database-url postgresql://.../<db> [--stories 300] [--forms 50] [--duration 10]

Part of `make bench` (``bench/run.py`` calls ``measure``), or alone on a small
corpus. An open form talks to the server two ways: draft copies
(``static/newsroom_admin/autosave.js``) and presence heartbeats
(``static/newsroom_admin/presence.js``), which also bring the notification
bell its count (``notifications/static/notifications/bell.js`` asks nothing
of its own on a form while the heartbeats come). ``schedule`` replays both scripts'
timing rules second by second for a person typing, so the load sends what a
browser would send, in two cases:

- realistic: bursts of typing of 4 to 20 s, pauses of 2 to 20 s to think,
  and now and then one of 30 to 120 s to read (seeded, so every run is alike);
- worst case: 7 s of typing then a 3 s pause, for ever, which makes the
  script send a copy as often as it ever does (every ``AT_MOST_EVERY``).

It reports the server's own time per copy and per heartbeat (median and p95,
measured in this process with the queries counted), copies, heartbeats and
bytes up and down per minute for one form in each case, and the home and
story pages with the page cache on: no form open, 50 forms in the realistic
case, 50 in the worst case, in rounds (``--form-rounds``) in which each page
is measured in the three cases back to back (``--form-window`` seconds
each); each page's rates are compared round by round, and all of them
pooled, with the interval their median lies in. For each it says where
the machine's CPU went: the app servers, PostgreSQL, Redis, wrk, and the
forms' own clients (this process), so what the forms cost the server is
not confused with what sending them cost the benchmark on the same two
cores. It checks what it measures before measuring: every copy and
heartbeat must be answered 200 (a heartbeat with the presence panel and
the bell's count), and each form's last copy must be what the database
holds, or the run stops.
"""

import argparse
import contextlib
import json
import os
import random
import secrets
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

# autosave.js's and presence.js's timing, in seconds.
PAUSE = 3.0  # typing paused this long: a copy is due
AT_MOST_EVERY = 10.0  # two copies the server took are at least this far apart
AT_LEAST_EVERY = 30.0  # changes never wait longer than this
BEAT = 4.0  # presence's heartbeat (presence.desk.BEAT_SECONDS)
TYPING = 3.0  # presence calls a tab "typing" this long after the last keystroke

SIMULATED_MINUTES = 30


def typing_bursts(case: str, *, seed: int, minutes: int = SIMULATED_MINUTES) -> list[tuple[float, float]]:
    """When one person types: ``(start, end)`` bursts, in seconds from opening the form."""
    chance = random.Random(seed)
    bursts, moment = [], chance.uniform(0, 10)
    while moment < minutes * 60:
        if case == "worst":
            length, pause = 7.0, PAUSE
        else:
            length = chance.uniform(4, 20)
            pause = chance.uniform(30, 120) if chance.random() < 0.2 else chance.uniform(2, 20)
        bursts.append((moment, moment + length))
        moment += length + pause
    return bursts


def schedule(bursts: list[tuple[float, float]], *, minutes: int = SIMULATED_MINUTES) -> list[tuple[float, str, bool]]:
    """When the two scripts send, ``(second, "copy" | "beat", typing)``, for a form typed in ``bursts``.

    autosave.js looks each second: a copy is due when the form changed since
    the last copy, typing paused ``PAUSE`` or changes waited
    ``AT_LEAST_EVERY``, and the last copy was ``AT_MOST_EVERY`` ago.
    presence.js beats every ``BEAT`` seconds, at once when typing starts, and
    when it stops (each beat starts the ``BEAT`` over).
    """
    events = []
    typed_at, waiting_since, copied_at, pending = -1e9, None, -1e9, False
    next_beat, sent_typing = 0.0, None
    burst = 0
    for tick in range(minutes * 60):
        now = float(tick)
        while burst < len(bursts) and bursts[burst][1] < now:
            burst += 1
        typing_now = burst < len(bursts) and bursts[burst][0] <= now <= bursts[burst][1]
        if typing_now:
            typed_at = now
            pending = True
            waiting_since = now if waiting_since is None else waiting_since
        due = pending and (now - typed_at >= PAUSE or now - waiting_since >= AT_LEAST_EVERY)
        if due and now - copied_at >= AT_MOST_EVERY:
            events.append((now, "copy", True))
            copied_at, pending, waiting_since = now, False, None
        state = now - typed_at < TYPING
        if now >= next_beat or (sent_typing is not None and state != sent_typing):
            events.append((now, "beat", state))
            next_beat, sent_typing = now + BEAT, state
    return events


def opening_phase(case: str, index: int) -> float:
    """When form ``index`` opened, within one heartbeat of the others (seeded, so every run is alike)."""
    return random.Random(f"{case}-{index}").uniform(0, BEAT)


def per_minute(events: list[tuple[float, str, bool]], kind: str, *, minutes: int = SIMULATED_MINUTES) -> float:
    return round(sum(1 for _moment, what, _typing in events if what == kind) / minutes, 2)


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


def _typed(fields: dict, count: int) -> dict:
    """The form after ``count`` more bits of typing: the Arabic body a little longer each time."""
    typed = dict(fields)
    typed["body_ar"] = fields["body_ar"] + f"<p>{'كلمة ' * (12 * count)}</p>"
    return typed


class OpenForm(threading.Thread):
    """One editor's open story form: its copies and heartbeats sent on ``events``' timing, in real time.

    The thread keeps its timing from start to end but sends only while
    ``sending`` is set, so the rounds can turn a case's forms on and off
    without their rhythm starting over. ``landed`` is shared by every form
    of a person: the last copy the server took, which the database must hold.

    Each form opened at its own moment (``phase``, under one heartbeat):
    browsers' timers run from when each editor opened the form, so fifty
    forms never beat in the same instant, and started together in this
    process they would, in bursts no newsroom sends.
    """

    def __init__(self, base, form, events, *, phase: float, stop, sending: threading.Event, landed: dict):
        super().__init__(daemon=True)
        self.phase = phase
        self.copy_url = f"{base}/admin/drafts/draftbuffer/{form['story']}/"
        self.beat_url = f"{base}/admin/presence/{form['story']}/beat/"
        self.form, self.events, self.stop, self.sending, self.landed = form, events, stop, sending, landed
        self.csrf = secrets.token_hex(16)  # a CSRF secret; the header carries it unmasked
        self.tab = secrets.token_hex(8)
        self.sent = {"copy": 0, "beat": 0}
        self.failed = {"copy": 0, "beat": 0}
        self.bytes_up = {"copy": 0, "beat": 0}
        self.bytes_down = {"copy": 0, "beat": 0}
        self.ms = {"copy": [], "beat": []}
        self.typed = 0
        self.shown = ""  # the fingerprint of the panel presence.js shows, sent back with each beat
        self.carry = ""  # the pass of the last full answer, sent back for quiet answers (presence.quiet)
        self.quiet = 0  # heartbeats answered quietly

    def _panel(self, answer: bytes) -> bool:
        """A heartbeat's answer as presence.js takes it: the panel (or "same") and the bell's count, or quiet.

        A quiet answer says the panel and the bell's count the form holds
        are still right: it must come after a full answer that brought them.
        """
        try:
            found = json.loads(answer)
        except ValueError:
            return False
        if found.get("quiet"):
            self.quiet += 1
            return found == {"same": True, "quiet": True} and bool(self.carry and self.shown)
        self.carry = found.get("pass", "")
        if "html" in found:
            self.shown = found.get("shown", "")
        elif not found.get("same") or found.get("shown") != self.shown:
            return False
        return "notifications.bell" in found.get("pulse", {})

    def _post(self, url: str, fields: dict) -> tuple[bool, int, bytes, float]:
        body = urlencode(fields, doseq=True).encode()
        request = urllib.request.Request(  # noqa: S310 - the local benchmark server
            url,
            data=body,
            headers={
                "Cookie": f"sessionid={self.form['session']}; csrftoken={self.csrf}",
                "X-CSRFToken": self.csrf,
                "Referer": url,
                "Accept": "application/json",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                answer = response.read()
                ok = response.status == 200
        except OSError:
            ok, answer = False, b""
        return ok, len(body), answer, (time.perf_counter() - began) * 1000

    def run(self):
        began = time.monotonic() + self.phase
        for moment, kind, typing in self.events:
            if self.stop.wait(max(0.0, began + moment - time.monotonic())):
                return
            if not self.sending.is_set():
                continue
            if kind == "copy":
                self.typed += 1
                fields = _typed(self.form["fields"], self.typed)
                ok, up, answer, ms = self._post(self.copy_url, fields)
                ok = ok and b'"time"' in answer
                if ok:
                    self.landed[self.form["user"]] = fields["body_ar"]
            else:
                fields = {"tab": self.tab, "typing": "1" if typing else "0", "unsaved": "1", "shown": self.shown}
                if self.carry:
                    fields["pass"] = self.carry
                ok, up, answer, ms = self._post(self.beat_url, fields)
                ok = ok and self._panel(answer)
            self.sent[kind] += 1
            self.failed[kind] += not ok
            self.bytes_up[kind] += up
            self.bytes_down[kind] += len(answer)
            self.ms[kind].append(ms)


def _percentiles(times: list[float]) -> dict:
    times = sorted(times)
    if not times:
        return {"median_ms": None, "p95_ms": None}
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
    }


def server_side(form: dict, *, runs: int = 60) -> dict:
    """One copy and one heartbeat as the Django process spends them: queries, median and p95 ms (no network).

    The session comes from the cache, as in the app servers.
    """
    from django.db import connection
    from django.test import Client

    from drafts.models import DraftBuffer

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = form["session"]
    copy_url = f"/admin/drafts/draftbuffer/{form['story']}/"
    beat_url = f"/admin/presence/{form['story']}/beat/"
    beat_fields = {"tab": "benchserverside", "typing": "1", "unsaved": "1"}

    def copy(count):
        response = client.post(copy_url, urlencode(_typed(form["fields"], count), doseq=True), content_type=FORM)
        if response.status_code != 200:
            raise SystemExit(f"autosave: a copy answered {response.status_code}; not measuring a broken autosave")

    def beat() -> str:
        response = client.post(beat_url, urlencode(beat_fields), content_type=FORM)
        if response.status_code != 200 or "notifications.bell" not in response.json().get("pulse", {}):
            raise SystemExit(f"autosave: a heartbeat answered {response.status_code} without the bell's count")
        beat_fields["shown"] = response.json()["shown"]  # sent back with the next, as presence.js does
        carry = response.json().get("pass")
        if not carry:
            raise SystemExit("autosave: a full heartbeat gave no pass; is presence's Redis (--redis-url) up?")
        return carry

    def quiet_beat(carry: str) -> None:
        response = client.post(beat_url, urlencode({**beat_fields, "pass": carry}), content_type=FORM)
        if response.status_code != 200 or response.json() != {"same": True, "quiet": True}:
            raise SystemExit(f"autosave: a heartbeat with its pass was not answered quietly ({response.status_code})")

    copy(0)  # the form's first copy makes the row; the rest overwrite it
    carry = beat()
    copy_queries, beat_queries, quiet_queries = [], [], []
    with connection.execute_wrapper(_counted(copy_queries)):
        copy(1)
    with connection.execute_wrapper(_counted(beat_queries)):
        carry = beat()
    with connection.execute_wrapper(_counted(quiet_queries)):
        quiet_beat(carry)
    times = {"copy": [], "beat": [], "quiet": []}
    for count in range(runs):
        started = time.perf_counter()
        copy(count + 2)
        times["copy"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        carry = beat()
        times["beat"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        quiet_beat(carry)
        times["quiet"].append((time.perf_counter() - started) * 1000)
    kept = DraftBuffer.objects.get(user_id=form["user"], article_id=form["story"]).content["body_ar"]
    if kept != [_typed(form["fields"], runs + 1)["body_ar"]]:
        raise SystemExit("autosave: the last copy did not land; not measuring a broken autosave")
    DraftBuffer.objects.filter(user_id=form["user"]).delete()
    return {
        "copy": {"queries": len(copy_queries), **_percentiles(times["copy"])},
        "beat": {"queries": len(beat_queries), **_percentiles(times["beat"])},
        "quiet_beat": {"queries": len(quiet_queries), **_percentiles(times["quiet"])},
    }


FORM = "application/x-www-form-urlencoded"


def _counted(found: list):
    """An execute wrapper that notes each query (``CaptureQueriesContext`` loses them at request start)."""

    def wrapper(execute, sql, params, many, context):
        found.append(sql)
        return execute(sql, params, many, context)

    return wrapper


# --- where the machine's CPU goes -------------------------------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int) -> float:
    """A process's CPU seconds so far (user and system), its reaped children's included; 0 when it is gone.

    A gunicorn worker that is replaced, or a PostgreSQL backend that ends,
    takes its CPU time with it; its parent (the master, the postmaster, of
    the same role) counts it once it has reaped it. So a role's total only
    grows, and a window's share is never negative.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After the name: state is field 0, utime 11, stime 12, cutime 13, cstime 14 (proc(5), counted from 1 at pid).
    return sum(int(value) for value in fields[11:15]) / TICKS


def _role(pid: int, ports: dict[str, str]) -> str | None:
    """What a process is to the benchmark: an app server (by the port it serves), the database, Redis."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    program = Path(command[0].decode(errors="replace")).name if command[0] else ""
    if program.startswith("postgres") or command[0].startswith(b"postgres:"):
        return "postgresql"
    if program.startswith("redis-server"):
        return "redis"
    if b"gunicorn" in b" ".join(command):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        except OSError:
            return None
        for role, port in ports.items():
            if f"PORT={port}".encode() in environ:
                return role
    return None


# A virtual machine's host may run other guests on its cores: the time it took from this one ("steal").
STEAL = "taken by the host (steal)"


def _stolen() -> float:
    """CPU seconds the host has taken from this machine's cores so far (/proc/stat's steal; 0 where none is kept)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    except OSError:
        return 0.0
    # "cpu user nice system idle iowait irq softirq steal ...": steal is the eighth count (proc(5)).
    return int(fields[8]) / TICKS if len(fields) > 8 else 0.0


class CpuShares:
    """The CPU each part of the benchmark used over a window, in cores (1.0 is one core kept busy).

    The app servers, PostgreSQL and Redis are read from /proc; the open
    forms' clients are this process's own threads; wrk is this process's
    child, reaped at the end of each run; and what the host of a virtual
    machine took from its cores (``STEAL``), which moves every figure. So
    what the forms cost the server is told apart from what sending them
    cost the benchmark.
    """

    def __init__(self, ports: dict[str, str]):
        self.ports = ports

    def _snapshot(self) -> dict[str, float]:
        import resource

        found: dict[str, float] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit() and int(entry) != os.getpid():
                role = _role(int(entry), self.ports)
                if role:
                    found[role] = found.get(role, 0.0) + _cpu_of(int(entry))
        mine, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        found["form clients (the benchmark)"] = mine.ru_utime + mine.ru_stime
        found["wrk"] = children.ru_utime + children.ru_stime
        found[STEAL] = _stolen()
        return found

    def __enter__(self):
        self.began, self.first = time.monotonic(), self._snapshot()
        return self

    def __exit__(self, *exc):
        seconds, last = time.monotonic() - self.began, self._snapshot()
        self.cores = {role: round((last[role] - self.first.get(role, 0.0)) / seconds, 3) for role in last}


# --- the rounds -------------------------------------------------------------------

CASES = ("alone", "realistic", "worst")


# What the app servers wrote while the forms were measured (gunicorn's own log, warnings).
SERVERS_OUTPUT = Path(__file__).resolve().parent / "results" / "forms-servers.log"
LEAD = 1.0  # seconds a case's forms send before its window opens (their rhythm never stopped)


def _rounds(base: str, cases: dict, addresses: dict[str, str], args, ports: dict[str, str]) -> list[dict]:
    """``args.form_rounds`` rounds; in each, every page in every case in turn, its windows back to back.

    A page's window alone and its windows with each case's forms sending
    lie seconds apart (``args.form_window`` each), so what drifts on the
    machine over minutes (the host taking its cores, caches, clocks) falls
    on both sides of each ratio. When a round measured every page in one
    case before the next, a page's windows lay minutes apart, and its rates
    alone differed by 15-58% from round to round, three to ten times what
    the forms cost. The order of the cases turns from page to page. A
    case's forms are turned on ``LEAD`` seconds before its window: their
    timing ran on while they were off, so they send from then on what they
    would have sent had they never stopped.
    """
    from bench.run import log, wrk

    rounds, turn = [], 0
    for number in range(args.form_rounds):
        log(f"autosave: round {number + 1}/{args.form_rounds}, every public page alone and with each case's forms ...")
        found = {case: {"public": {}, "cpu_windows": []} for case in CASES}
        for name, path in addresses.items():
            order = CASES[turn % len(CASES) :] + CASES[: turn % len(CASES)]
            turn += 1
            for case in order:
                sending = cases.get(case)
                if sending is not None:
                    sending.set()
                    time.sleep(LEAD)
                with CpuShares(ports) as cpu:
                    found[case]["public"][name] = wrk(
                        base + path, duration=args.form_window, connections=args.connections, threads=args.threads
                    )
                if sending is not None:
                    sending.clear()
                found[case]["cpu_windows"].append(cpu.cores)
                if found[case]["public"][name]["rps"] <= 0:
                    log(f"autosave: {name}, {case}: no request answered at {time.strftime('%H:%M:%S')}")
        for measured in found.values():
            windows = measured.pop("cpu_windows")
            roles = sorted({role for window in windows for role in window})
            measured["cpu_cores"] = {
                role: round(statistics.mean(window.get(role, 0.0) for window in windows), 3) for role in roles
            }
        rounds.append(found)
    return rounds


def _median_of(rounds: list[dict], case: str, name: str, figure: str) -> float:
    return statistics.median(found[case]["public"][name][figure] for found in rounds)


def _round_ratios(rounds: list[dict], case: str, name: str) -> list[float]:
    """Page ``name``'s rate in ``case`` over its rate alone, round by round (a round alone that answered nothing has none)."""
    return [
        found[case]["public"][name]["rps"] / found["alone"]["public"][name]["rps"]
        for found in rounds
        if found["alone"]["public"][name]["rps"] > 0
    ]


def paired_ratio(rounds: list[dict], case: str, name: str) -> float | None:
    """The median over rounds of page ``name``'s rate in ``case`` over its rate alone in the same round.

    A round in which the page alone answered nothing has no ratio (that
    round's failure is the page's, reported by ``stalled``); None if no
    round has one.
    """
    ratios = _round_ratios(rounds, case, name)
    return round(statistics.median(ratios), 3) if ratios else None


def best_ratio(rounds: list[dict], case: str, name: str) -> float | None:
    """Page ``name``'s best round in ``case`` against alone: under a target, every one of its rounds was."""
    ratios = _round_ratios(rounds, case, name)
    return round(max(ratios), 3) if ratios else None


def pooled_ratio(rounds: list[dict], case: str, *, resamples: int = 2000) -> dict | None:
    """Every page's rate in ``case`` over its rate alone in the same round, pooled: the median and its 95% interval.

    Each ratio is one page's two windows seconds apart; pooled over the
    pages and rounds there are enough of them to bound the median (a
    bootstrap of it, seeded so a run's figures repeat), where one page's
    handful of rounds cannot. None when no window alone answered.
    """
    ratios = [
        found[case]["public"][name]["rps"] / found["alone"]["public"][name]["rps"]
        for found in rounds
        for name in found["alone"]["public"]
        if found["alone"]["public"][name]["rps"] > 0
    ]
    if not ratios:
        return None
    draw = random.Random(0)
    medians = sorted(statistics.median(draw.choices(ratios, k=len(ratios))) for _ in range(resamples))
    return {
        "median": round(statistics.median(ratios), 3),
        "low": round(medians[int(0.025 * resamples)], 3),
        "high": round(medians[int(0.975 * resamples) - 1], 3),
        "ratios": len(ratios),
    }


def stalled(rounds: list[dict]) -> list[str]:
    """The windows in which a page answered no request at all, as "round, case, page"."""
    return [
        f"round {number}, {case}, {name}"
        for number, found in enumerate(rounds, start=1)
        for case, measured in found.items()
        for name, figures in measured["public"].items()
        if figures["rps"] <= 0
    ]


def _cpu_median(rounds: list[dict], case: str) -> dict[str, float]:
    roles = sorted({role for found in rounds for role in found[case]["cpu_cores"]})
    return {
        role: round(statistics.median(found[case]["cpu_cores"].get(role, 0.0) for found in rounds), 3) for role in roles
    }


def quiet_share(events: list[tuple[float, str, bool]], *, pass_seconds: float | None = None) -> float:
    """The share of a form's heartbeats answered quietly when no one else is on its story.

    A full answer gives a pass (``presence.quiet``) that holds
    ``PASS_SECONDS``; every beat within it is quiet, the first after it full.
    """
    if pass_seconds is None:
        from presence.quiet import PASS_SECONDS as pass_seconds
    beats = [moment for moment, kind, _typing in events if kind == "beat"]
    quiet, issued = 0, None
    for moment in beats:
        if issued is not None and moment - issued < pass_seconds:
            quiet += 1
        else:
            issued = moment
    return quiet / len(beats) if beats else 0.0


def one_form(case: str, inside: dict, sizes: dict) -> dict:
    """What one open form sends and costs the server per minute in ``case`` (averaged over forms' typing)."""
    events = [schedule(typing_bursts(case, seed=seed)) for seed in range(20)]
    copies = round(statistics.mean(per_minute(found, "copy") for found in events), 2)
    beats = round(statistics.mean(per_minute(found, "beat") for found in events), 2)
    share = statistics.mean(quiet_share(found) for found in events)
    beat_ms = (1 - share) * inside["beat"]["median_ms"] + share * inside["quiet_beat"]["median_ms"]
    return {
        "copies_per_minute": copies,
        "heartbeats_per_minute": beats,
        "quiet_share": round(share, 3),
        "bytes_up_per_minute": round(copies * sizes["copy"]["up"] + beats * sizes["beat"]["up"]),
        "bytes_down_per_minute": round(copies * sizes["copy"]["down"] + beats * sizes["beat"]["down"]),
        "server_ms_per_minute": round(copies * inside["copy"]["median_ms"] + beats * beat_ms, 1),
    }


def measure(args, addresses: dict[str, str], *, forms: int = 50, check=None) -> dict:
    """The public pages alone and with ``forms`` forms open, typing realistically and at the worst case, in rounds.

    ``check(name, body)``, if given, holds each page to what readers get
    before it is measured (``bench.run.check_page``), and stops the run if not.
    """
    from bench.run import log, server_env
    from drafts.models import DraftBuffer
    from tests.servers import app_server

    opened = _forms(forms)
    people = [form["user"] for form in opened]
    log("autosave: one copy and one heartbeat in process ...")
    inside = server_side(opened[0])
    desk_workers = args.desk_workers
    DraftBuffer.objects.filter(user_id__in=people).delete()
    stop, landed = threading.Event(), {}
    switches = {case: threading.Event() for case in CASES[1:]}
    SERVERS_OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    SERVERS_OUTPUT.write_text("")
    with contextlib.ExitStack() as servers:
        base = servers.enter_context(
            app_server(server_env(args, page_cache=True), workers=args.workers, output=SERVERS_OUTPUT)
        )
        # The desk on app servers of its own (the admin and the public site
        # are separate paths behind a load balancer), on the same machine.
        desk = (
            servers.enter_context(app_server(server_env(args), workers=desk_workers, output=SERVERS_OUTPUT))
            if desk_workers
            else ""
        )
        ports = {"app servers (pages)": base.rsplit(":", 1)[1]}
        if desk:
            ports["app servers (desk)"] = desk.rsplit(":", 1)[1]
        for name, path in addresses.items():
            for _ in range(20):
                body = urllib.request.urlopen(base + path, timeout=30).read()  # noqa: S310 - warm
            if check is not None:
                check(name, body)
        threads = {
            case: [
                OpenForm(
                    desk or base,
                    form,
                    schedule(typing_bursts(case, seed=index)),
                    phase=opening_phase(case, index),
                    stop=stop,
                    sending=sending,
                    landed=landed,
                )
                for index, form in enumerate(opened)
            ]
            for case, sending in switches.items()
        }
        for thread in (thread for started in threads.values() for thread in started):
            thread.start()
        try:
            rounds = _rounds(base, switches, addresses, args, ports)
        finally:
            stop.set()
            for thread in (thread for started in threads.values() for thread in started):
                thread.join(timeout=35)
    loaded = {case: _what_was_sent(threads[case], case, args) for case in switches}
    held = dict(DraftBuffer.objects.filter(user_id__in=people).values_list("user_id", "content"))
    for user, body in landed.items():
        if held.get(user, {}).get("body_ar") != [body]:
            raise SystemExit("autosave: a form's last copy did not land; not measuring a broken autosave")
    DraftBuffer.objects.filter(user_id__in=people).delete()
    alone = {
        name: {
            "rps": _median_of(rounds, "alone", name, "rps"),
            "p50_ms": _median_of(rounds, "alone", name, "p50_ms"),
            "p99_ms": _median_of(rounds, "alone", name, "p99_ms"),
            # How far the rounds alone differ: the noise a change must clear.
            "noise": round(
                (
                    max(found["alone"]["public"][name]["rps"] for found in rounds)
                    - min(found["alone"]["public"][name]["rps"] for found in rounds)
                )
                / max(_median_of(rounds, "alone", name, "rps"), 1e-9),
                3,
            ),
        }
        for name in addresses
    }
    change = {
        case: {
            name: {
                "rps_ratio": round(_median_of(rounds, case, name, "rps") / alone[name]["rps"], 3)
                if alone[name]["rps"] > 0
                else None,
                # Each round's rate with the forms against the same round's alone, the median of those:
                # the machine's drift from round to round falls on both sides of each ratio.
                "rps_ratio_paired": paired_ratio(rounds, case, name),
                "rps_ratio_best": best_ratio(rounds, case, name),
                "p99_ms_alone": alone[name]["p99_ms"],
                "p99_ms_with_forms": _median_of(rounds, case, name, "p99_ms"),
                "p99_over_p50_alone": round(_median_of(rounds, case, name, "p99_ms") / alone[name]["p50_ms"], 1),
            }
            for name in addresses
        }
        for case in switches
    }
    if stalled(rounds):
        log(f"autosave: what the app servers wrote is in {SERVERS_OUTPUT}")
    return {
        "forms": forms,
        "rounds": args.form_rounds,
        "window_s": args.form_window,
        "desk_workers": desk_workers,  # 0: the forms and the pages share the public app servers
        "server_side": inside,
        "one_form": {case: one_form(case, inside, found["bytes_per_request"]) for case, found in loaded.items()},
        "public_alone": alone,
        "public_change": change,
        # Every page's ratios pooled, with the interval its median lies in: what one page's rounds cannot bound.
        "pooled_change": {case: pooled_ratio(rounds, case) for case in switches},
        "stalled": stalled(rounds),
        "cpu_cores": {case: _cpu_median(rounds, case) for case in CASES},
        "with_forms": loaded,
        "round_figures": rounds,
    }


def _what_was_sent(threads: list[OpenForm], case: str, args) -> dict:
    """What a case's forms sent over its rounds, checked: every copy and heartbeat answered as it should."""
    sent = {kind: sum(thread.sent[kind] for thread in threads) for kind in ("copy", "beat")}
    failed = {kind: sum(thread.failed[kind] for thread in threads) for kind in ("copy", "beat")}
    if any(failed.values()) or not sent["copy"]:
        raise SystemExit(f"autosave ({case}): failed {failed} of {sent}; not measuring a broken autosave")
    beats = sent["beat"]
    return {
        "sent": sent,
        "quiet_heartbeats": round(sum(thread.quiet for thread in threads) / max(1, beats), 3),
        "round_trip_under_load": {
            kind: _percentiles([ms for thread in threads for ms in thread.ms[kind]]) for kind in ("copy", "beat")
        },
        "bytes_per_request": {
            kind: {
                "up": round(sum(t.bytes_up[kind] for t in threads) / max(1, sent[kind])),
                "down": round(sum(t.bytes_down[kind] for t in threads) / max(1, sent[kind])),
            }
            for kind in ("copy", "beat")
        },
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--revisions", type=int, default=2)
    parser.add_argument("--generated", type=int, default=0)
    parser.add_argument("--history", type=int, default=0)
    parser.add_argument("--forms", type=int, default=50)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--form-rounds", type=int, default=5, help="rounds of the pages alone and with each case")
    parser.add_argument("--form-window", type=int, default=4, help="seconds of load per page and case in a round")
    parser.add_argument(
        "--desk-workers",
        type=int,
        default=0,
        help="serve the forms from app servers of their own with this many workers",
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", "postgres://root@127.0.0.1:5432/newsroom_bench")
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"))
    args = parser.parse_args(argv)

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
    print(json.dumps(measure(args, addresses, forms=args.forms), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
