"""The benchmark's table: figures, targets and whether each target is met, as plain text."""

from __future__ import annotations

TARGETS = {
    "startup_ratio": 1.5,  # kiosk start-up time / bare-Qt start-up time, at most
    "memory_ratio": 1.6,  # kiosk peak RSS / bare-Qt peak RSS, at most
    "tap_p95_ms": 16.0,  # one frame at 60 Hz
    "rss_growth_mib": 2.0,  # over the navigations after a warm-up
    "idle_percent": 1.0,  # of one core
    "listen_p95_ms": 300.0,  # tap on Listen to the engine speaking (bench/read_aloud.py)
}


def verdict(ok: bool | None) -> str:
    """Return the word for a target met, missed or not measured."""
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def checks(results: dict) -> dict[str, bool | None]:
    """Return, per target, whether these results meet it (None when not measured)."""
    start = results.get("startup") or {}
    taps = results.get("taps") or {}
    idle = results.get("idle") or {}
    warm = (taps.get("warm") or {}).get("page")
    memory = taps.get("memory")
    idle_values = [idle[s]["percent_of_core"] for s in ("home", "attract") if idle.get(s)]
    hostile = (results.get("hostile") or {}).get("targets") or {}
    listen = (results.get("read_aloud") or {}).get("listen_to_speaking")
    return {
        "startup_ratio": start["time_ratio"] <= TARGETS["startup_ratio"] if start else None,
        "memory_ratio": start["memory_ratio"] <= TARGETS["memory_ratio"] if start else None,
        "tap_p95_ms": warm["p95"] < TARGETS["tap_p95_ms"] if warm else None,
        "rss_growth_mib": memory["growth_mib"] < TARGETS["rss_growth_mib"] if memory else None,
        "idle_percent": max(idle_values) < TARGETS["idle_percent"] if idle_values else None,
        "listen_p95_ms": listen["p95"] < TARGETS["listen_p95_ms"] if listen else None,
        **hostile,  # bench/hostile.py: each case in its own process
    }


def _row(label: str, value: str, target: str = "", ok: bool | None = None) -> str:
    mark = verdict(ok) if target else ""
    return f"  {label:<44}{value:<38}{target:<10}{mark}".rstrip()


def format_table(results: dict) -> str:
    """Return the whole table as text (one line per figure)."""
    ok = checks(results)
    lines = [f"Kiosk benchmark on {results['machine']['summary']}", ""]
    start = results.get("startup")
    if start:
        k, b = start["kiosk"], start["bare_qt"]
        lines += [
            f"1. Start-up, whole process, median of {k['runs']} alternated runs",
            _row("kiosk --screenshot (home screen)", f"{k['wall_ms_median']:.0f} ms"
                 f" (min {k['wall_ms_min']:.0f}, CPU {k['cpu_ms_median']:.0f})"),
            _row("bare-Qt reference", f"{b['wall_ms_median']:.0f} ms"
                 f" (min {b['wall_ms_min']:.0f}, CPU {b['cpu_ms_median']:.0f})"),
            _row("ratio", f"{start['time_ratio']:.2f}x", "<= 1.5x", ok["startup_ratio"]),
        ]
    browser = results.get("browser")
    if browser:
        lines.append(_row("headless Chromium, same page as HTML", f"{browser['wall_ms_median']:.0f} ms"))
    taps = results.get("taps")
    if taps:
        lines += ["", f"2. Tap to page painted, {taps['pages']} pages in "
                  f"{'+'.join(taps['languages'])}, {taps['rounds']} rounds (ms: p50 / p95 / max)"]
        for phase in ("cold", "warm"):
            for kind in ("page", "tile", "panel", "link", "home", "language"):
                s = taps[phase].get(kind)
                if not s:
                    continue
                label = f"{phase} {'all page taps' if kind == 'page' else kind + ' taps'}"
                target = "p95 < 16" if (phase, kind) == ("warm", "page") else ""
                lines.append(_row(f"{label} (n={s['n']})",
                                  f"{s['p50']:.1f} / {s['p95']:.1f} / {s['max']:.1f}", target,
                                  ok["tap_p95_ms"] if target else None))
        restyle = taps.get("restyle") or {}
        for kind, label in (("text_size_page", "Text size taps on a page"),
                            ("contrast_page", "High contrast taps on a page"),
                            ("text_size_home", "Text size taps on home"),
                            ("contrast_home", "High contrast taps on home")):
            s = restyle.get(kind)
            if s:
                lines.append(_row(f"{label} (n={s['n']})",
                                  f"{s['p50']:.1f} / {s['p95']:.1f} / {s['max']:.1f}"))
        if taps.get("miss_count"):
            lines.append(_row("taps that did not reach their page", str(taps["miss_count"])))
    if start or taps:
        lines += ["", "3. Memory"]
    if start:
        k, b = start["kiosk"], start["bare_qt"]
        lines += [
            _row("peak RSS, kiosk start-up", f"{k['peak_rss_mib_median']:.1f} MiB"),
            _row("peak RSS, bare-Qt reference", f"{b['peak_rss_mib_median']:.1f} MiB"),
            _row("ratio", f"{start['memory_ratio']:.2f}x", "<= 1.6x", ok["memory_ratio"]),
        ]
    if browser:
        lines += [
            _row("headless Chromium, largest process",
                 f"{browser['largest_process_rss_mib_median']:.0f} MiB"),
            _row("headless Chromium, all processes (PSS)",
                 f"{browser['all_processes_pss_mib_max']:.0f} MiB"),
        ]
    if taps:
        m = taps["memory"]
        lines.append(_row(f"RSS growth over {m['navigations']} navigations",
                          f"{m['growth_mib']:+.2f} MiB (from {m['rss_start_mib']:.0f})",
                          "< 2 MiB", ok["rss_growth_mib"]))
    idle = results.get("idle")
    if idle:
        lines += ["", "4. Idle cost, event loop running (CPU time / wall time)"]
        pre = idle.get("prerender")
        if pre:
            lines.append(_row("once after start-up: pages rendered ahead",
                              f"{pre['cpu_ms']:.0f} ms CPU over {pre['seconds']:.1f} s"))
        for screen in ("home", "attract"):
            v = idle.get(screen)
            value = (f"{v['percent_of_core']:.3f} % of a core ({v['cpu_ms']:.1f} ms in "
                     f"{v['seconds']:.0f} s)") if v else "n/a (no start screen)"
            lines.append(_row(f"{screen} screen", value, "< 1 %",
                              (v["percent_of_core"] < 1.0) if v else None))
    rendering = results.get("rendering")
    if rendering:
        r = rendering["bundled"]
        lines += ["", "5. Rendering (Markdown -> sanitized HTML, no cache)",
                  _row(f"bundled pages ({r['pages']}, {r['kb']:.0f} KB)",
                       f"{r['kb_per_s']} KB/s ({r['ms_per_page']:.1f} ms a page)")]
        c = rendering.get("corpus")
        if c:
            lines += [_row(f"{c['document']} ({c['kb']:.0f} KB)",
                           f"{c['kb_per_s']} KB/s ({c['render_ms']:.0f} ms)"),
                      _row("  its setHtml + layout + paint", f"{c['set_html_ms']:.0f} ms")]
            lines.append("   page size -> render + show = first tap; show alone = later taps")
            for row in rendering["by_size"][:-1]:
                lines.append(_row(f"  {row['kb']:.0f} KB page", f"{row['render_ms']:.0f} + "
                                  f"{row['show_ms']:.0f} = {row['cold_tap_ms']:.0f} ms"))
        else:
            lines.append(_row("large document", "skipped (../shared/corpus not found)"))
    speech = results.get("read_aloud")
    if speech:
        lines += ["", "6. Read aloud, the system's engine into a null sink (ms: p50 / p95 / max)"]
        listen = speech.get("listen_to_speaking")
        if listen:
            lines.append(_row(f"tap Listen to Speaking (n={listen['n']})",
                              f"{listen['p50']:.1f} / {listen['p95']:.1f} / {listen['max']:.1f}",
                              "p95 < 300", ok["listen_p95_ms"]))
            lines.append(_row("engine and voices loaded once, while idle", f"{speech['probe_ms']} ms"))
            lines.append(_row("voices", speech["engine"][:60]))
        else:
            lines.append(_row("skipped", str(speech.get("skipped", "no engine"))[:80]))
    hostile = results.get("hostile")
    if hostile:
        from bench.hostile import format_rows

        lines += ["", *format_rows(hostile)]
    lines += ["", "Targets: " + ", ".join(f"{name} {verdict(v)}" for name, v in ok.items())]
    return "\n".join(lines)
