"""The benchmark's replay of autosave.js's and presence.js's timing sends what the scripts would."""

from bench.autosave import AT_LEAST_EVERY, AT_MOST_EVERY, BEAT, opening_phase, per_minute, schedule, typing_bursts


def copies(events):
    return [moment for moment, kind, _typing in events if kind == "copy"]


def test_a_form_nobody_types_in_sends_no_copy_and_a_heartbeat_every_four_seconds():
    events = schedule([], minutes=10)
    assert copies(events) == []
    assert per_minute(events, "beat", minutes=10) == 15


def test_a_copy_goes_three_seconds_after_typing_pauses():
    assert copies(schedule([(5, 9)], minutes=1)) == [12]


def test_copies_are_never_closer_than_the_script_allows_and_changes_never_wait_longer():
    for case in ("realistic", "worst"):
        moments = copies(schedule(typing_bursts(case, seed=3), minutes=30))
        gaps = [later - earlier for earlier, later in zip(moments, moments[1:], strict=False)]
        assert min(gaps) >= AT_MOST_EVERY
    typing_without_a_pause = copies(schedule([(0, 600)], minutes=10))
    gaps = [later - earlier for earlier, later in zip(typing_without_a_pause, typing_without_a_pause[1:], strict=False)]
    # The first change after a copy comes a second (one look) later; from then on it waits 30 s at most.
    assert typing_without_a_pause and max(gaps) <= AT_LEAST_EVERY + 1


def test_the_worst_case_is_a_copy_every_ten_seconds():
    assert 5.9 <= per_minute(schedule(typing_bursts("worst", seed=1)), "copy") <= 6


def test_fifty_forms_opened_at_their_own_moments_never_beat_all_at_once():
    """Started together, the bench's forms beat in the same instant; browsers opened at their own moments do not."""

    def most_in_a_tenth_of_a_second(case, phase):
        moments = sorted(
            phase(case, index) + moment
            for index in range(50)
            for moment, kind, _typing in schedule(typing_bursts(case, seed=index), minutes=2)
            if kind == "beat"
        )
        return max(
            sum(1 for other in moments[start : start + 60] if other - first < 0.1)
            for start, first in enumerate(moments)
        )

    for case in ("realistic", "worst"):
        phases = [opening_phase(case, index) for index in range(50)]
        assert min(phases) >= 0 and max(phases) < BEAT and len(set(phases)) == 50
        # About 20 beats a second at the worst: a few fall in the same tenth by chance, never a crowd.
        assert most_in_a_tenth_of_a_second(case, opening_phase) <= 10
        assert most_in_a_tenth_of_a_second(case, lambda _case, _index: 0.0) >= 40  # all opened at once


def test_a_roles_cpu_keeps_what_its_ended_children_used():
    """A replaced gunicorn worker or an ended PostgreSQL backend still counts, through the parent that reaped it."""
    import subprocess
    import sys

    from bench.autosave import _cpu_of

    burn = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass"
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import subprocess, sys, time\nsubprocess.run([sys.executable, '-c', {burn!r}])\n"
            "print('reaped', flush=True)\ntime.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout.readline().strip() == "reaped"
        assert _cpu_of(parent.pid) >= 0.3  # the child's 0.3 s, though it has ended
    finally:
        parent.kill()
        parent.wait()


def test_rounds_are_compared_round_by_round_as_well():
    from bench.autosave import paired_ratio

    def round_of(alone, forms):
        return {"alone": {"public": {"home": {"rps": alone}}}, "realistic": {"public": {"home": {"rps": forms}}}}

    # The machine slowed down over the rounds; each round's forms cost 2% of that round's rate.
    rounds = [round_of(2500, 2450), round_of(2000, 1960), round_of(1800, 1764)]
    assert paired_ratio(rounds, "realistic", "home") == 0.98


def test_what_the_host_took_is_read_and_only_grows():
    from bench.autosave import _stolen

    first = _stolen()
    assert first >= 0.0
    assert _stolen() >= first


def test_a_window_in_which_a_page_answered_nothing_is_reported_not_divided_by():
    from bench.autosave import paired_ratio, stalled

    def round_of(alone, forms):
        return {"alone": {"public": {"home": {"rps": alone}}}, "realistic": {"public": {"home": {"rps": forms}}}}

    rounds = [round_of(2000, 1900), round_of(0, 1800), round_of(2000, 0)]
    assert paired_ratio(rounds, "realistic", "home") == 0.475  # of the rounds with a rate alone: 0.95 and 0
    assert stalled(rounds) == ["round 2, alone, home", "round 3, realistic, home"]
    assert paired_ratio([round_of(0, 0)], "realistic", "home") is None


def test_a_pages_windows_alone_and_with_each_cases_forms_are_back_to_back(monkeypatch):
    """Minutes apart, a page's windows alone moved by 15-58% from round to round; seconds apart, drift falls on both."""
    import threading
    import types

    import bench.run
    from bench import autosave

    switches = {"realistic": threading.Event(), "worst": threading.Event()}
    windows = []

    def wrk(url, *, duration, connections, threads):
        sending = [case for case, switch in switches.items() if switch.is_set()]
        windows.append((url, sending, duration))
        return {"rps": 1000.0, "p50_ms": 1.0, "p99_ms": 2.0, "errors": 0}

    monkeypatch.setattr(bench.run, "wrk", wrk)
    monkeypatch.setattr(autosave, "LEAD", 0)
    monkeypatch.setattr(autosave, "CpuShares", _NoCpu)
    args = types.SimpleNamespace(form_rounds=2, form_window=4, connections=8, threads=2)
    rounds = autosave._rounds("http://b", switches, {"home": "/ar/", "story": "/ar/news/1/"}, args, {})

    assert [url for url, _sending, _duration in windows] == ["http://b/ar/"] * 3 + ["http://b/ar/news/1/"] * 3 + [
        "http://b/ar/"
    ] * 3 + ["http://b/ar/news/1/"] * 3
    # One case at a time, the order turned from page to page, each window as long as asked.
    assert [sending for _url, sending, _duration in windows[:6]] == [
        [],
        ["realistic"],
        ["worst"],
        ["realistic"],
        ["worst"],
        [],
    ]
    assert {duration for _url, _sending, duration in windows} == {4}
    assert not any(switch.is_set() for switch in switches.values())
    assert set(rounds[1]) == {"alone", "realistic", "worst"} and set(rounds[1]["worst"]["public"]) == {"home", "story"}
    assert rounds[0]["alone"]["cpu_cores"] == {"app servers (pages)": 1.5}


class _NoCpu:
    def __init__(self, ports):
        pass

    def __enter__(self):
        self.cores = {"app servers (pages)": 1.5}
        return self

    def __exit__(self, *exc):
        pass


def test_every_pages_ratios_pooled_bound_their_median():
    from bench.autosave import pooled_ratio

    def round_of(pages):
        return {
            "alone": {"public": {name: {"rps": alone} for name, (alone, _forms) in pages.items()}},
            "realistic": {"public": {name: {"rps": forms} for name, (_alone, forms) in pages.items()}},
        }

    # Ten pages, five rounds: each ratio 0.96-1.00 but for one window the host disturbed.
    rounds = [
        round_of({f"page {page}": (1000, 960 + 10 * ((page + number) % 5)) for page in range(10)})
        for number in range(5)
    ]
    rounds[2]["realistic"]["public"]["page 3"]["rps"] = 400
    pooled = pooled_ratio(rounds, "realistic")
    assert pooled["ratios"] == 50 and pooled["median"] == 0.98
    assert 0.96 <= pooled["low"] <= 0.98 <= pooled["high"] <= 1.0
    assert pooled_ratio(rounds, "realistic") == pooled  # seeded: a run's figures repeat
    assert pooled_ratio([round_of({"home": (0, 900)})], "realistic") is None


def test_the_quiet_share_counts_one_full_heartbeat_per_pass_and_the_rest_quiet():
    from bench.autosave import quiet_share

    beats = [(second, "beat", False) for second in range(0, 120, 4)]  # 30 beats, 4 s apart
    copies = [(second + 1.0, "copy", False) for second in range(0, 120, 10)]
    # Full at 0, 32, 64 and 96 s (each pass holds 30 s): 4 of 30.
    assert quiet_share(sorted(beats + copies), pass_seconds=30) == 26 / 30
    assert quiet_share(beats, pass_seconds=0) == 0.0
    assert quiet_share([], pass_seconds=30) == 0.0


def test_a_pages_best_round_is_the_highest_of_its_ratios_to_alone_in_the_same_round():
    from bench.autosave import best_ratio

    def round_of(alone, realistic):
        return {"alone": {"public": {"home": {"rps": alone}}}, "realistic": {"public": {"home": {"rps": realistic}}}}

    rounds = [round_of(100, 90), round_of(200, 198), round_of(0, 50), round_of(100, 93)]
    assert best_ratio(rounds, "realistic", "home") == 0.99  # the round alone that answered nothing has no ratio
    assert best_ratio([round_of(0, 10)], "realistic", "home") is None
