#!/usr/bin/env python3
"""Draws a chart from BenchmarkDotNet's CSV report. For RandomStreamBenchmarks (a "Stream" column):
ns per translation, one group of bars per spec and stream (warm / random 65,536), one bar per
implementation (docs/benchmarks-chart.svg). For TranslationBenchmarks: ns per translation against
policy size (windows, log scale) for the generated code, the hand-written interpreter and the
IOMMU model, one panel per scenario. Plain SVG, no libraries.

Usage: python3 tests/VtdDsl.Benchmarks/chart.py [REPORT.csv] [OUT.svg]
  defaults: BenchmarkDotNet.Artifacts/results/VtdDsl.Benchmarks.TranslationBenchmarks-report.csv
            docs/benchmarks-chart.svg
"""
import csv
import math
import sys
from pathlib import Path

REPORT = Path(sys.argv[1] if len(sys.argv) > 1 else
              "BenchmarkDotNet.Artifacts/results/VtdDsl.Benchmarks.TranslationBenchmarks-report.csv")
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/benchmarks-chart.svg")

# Windows of each spec (see `VtdDsl.Benchmarks info`).
WINDOWS = {"two-vm": 6, "Small": 1_000, "Medium": 10_000, "Large": 100_000}
SERIES = [("Generated", "#1b7f3b"), ("Interpreter", "#c0392b"), ("IommuModel", "#2c5aa0")]
LABELS = {"Generated": "generated Translate", "Interpreter": "hand-written interpreter", "IommuModel": "IOMMU model (table walk)"}
SCENARIOS = ["Hits", "Misses", "Unbound", "Mixed"]


def nanoseconds(text):
    value, unit = text.replace(",", "").split()
    return float(value) * {"ns": 1, "μs": 1e3, "us": 1e3, "ms": 1e6, "s": 1e9}[unit]


rows = list(csv.DictReader(REPORT.open(encoding="utf-8")))

STREAM_SERIES = [("Generated", "#1b7f3b", "generated Translate"), ("GeneratedBatch", "#7fbf3f", "generated TranslateMany"),
                 ("GeneratedBatch256", "#b5d99c", "TranslateMany, lists of 256"),
                 ("EngineArrays", "#8e44ad", "engine over arrays (CLI)"), ("EngineBefore16", "#e67e22", "engine before #16"),
                 ("Interpreter", "#c0392b", "hand-written interpreter")]


def draw_streams(rows):
    """Grouped bars: (spec, stream) groups, one bar per implementation, ns per translation (linear)."""
    values = {}
    groups = []
    for row in rows:
        if row["Mean"] in ("NA", ""):
            continue
        key = (row["Spec"], row["Stream"])
        if key not in groups:
            groups.append(key)
        values[(key, row["Method"].strip("'"))] = nanoseconds(row["Mean"])
    bar_w, group_gap, margin_l, margin_t, plot_h = 22, 40, 70, 70, 300
    group_w = bar_w * len(STREAM_SERIES)
    width = margin_l + len(groups) * (group_w + group_gap) + 20
    height = margin_t + plot_h + 120
    top = max(values.values()) * 1.15
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{margin_l}" y="24" font-size="16" font-weight="bold">VtdDsl: ns per DMA translation (lower is better)</text>',
           f'<text x="{margin_l}" y="44" fill="#555">BenchmarkDotNet mean per probe; warm: 4,096 mixed probes repeated; random: 65,536 mixed probes over all devices and windows. Source: {REPORT.name}</text>']
    step = 10 ** math.floor(math.log10(top / 2))
    tick = 0.0
    while tick <= top:
        y = margin_t + plot_h - tick / top * plot_h
        out.append(f'<line x1="{margin_l}" y1="{y:.1f}" x2="{width - 20}" y2="{y:.1f}" stroke="#eee"/>')
        out.append(f'<text x="{margin_l - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{tick:g} ns</text>')
        tick += step
    for g, key in enumerate(groups):
        left = margin_l + g * (group_w + group_gap) + group_gap / 2
        for i, (method, colour, label) in enumerate(STREAM_SERIES):
            ns = values.get((key, method))
            if ns is None:
                continue
            h = ns / top * plot_h
            x = left + i * bar_w
            out.append(f'<rect x="{x:.1f}" y="{margin_t + plot_h - h:.1f}" width="{bar_w - 3}" height="{h:.1f}" fill="{colour}"><title>{label}, {key[0]} {key[1]}: {ns:.2f} ns</title></rect>')
            out.append(f'<text x="{x + (bar_w - 3) / 2:.1f}" y="{margin_t + plot_h - h - 4:.1f}" text-anchor="middle" font-size="9" fill="#333">{ns:.1f}</text>')
        out.append(f'<text x="{left + group_w / 2:.1f}" y="{margin_t + plot_h + 16}" text-anchor="middle">{key[0]}</text>')
        out.append(f'<text x="{left + group_w / 2:.1f}" y="{margin_t + plot_h + 30}" text-anchor="middle" fill="#555">{key[1]}</text>')
    for i, (method, colour, label) in enumerate(STREAM_SERIES):
        x = margin_l + (i % 3) * 260
        y = margin_t + plot_h + 60 + (i // 3) * 20
        out.append(f'<rect x="{x}" y="{y - 9}" width="14" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 20}" y="{y + 1}">{label}</text>')
    out.append("</svg>")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT} from {REPORT}")


if rows and "Stream" in rows[0]:
    draw_streams(rows)
    sys.exit(0)

data = {}  # (scenario, method) -> [(windows, ns)]
for row in rows:
    method = row["Method"].strip("'")
    if row["Spec"] not in WINDOWS or row["Mean"] in ("NA", ""):
        continue
    data.setdefault((row["Scenario"], method), []).append((WINDOWS[row["Spec"]], nanoseconds(row["Mean"])))
for points in data.values():
    points.sort()

panel_w, panel_h, margin_l, margin_t, gap = 330, 250, 60, 70, 40
width = margin_l + 4 * panel_w + 3 * gap + 20
height = margin_t + panel_h + 110
x_min, x_max = math.log10(3), math.log10(300_000)
y_max_all = max(ns for points in data.values() for _, ns in points)
y_top = 10 ** math.ceil(math.log10(y_max_all))
y_bottom = 1.0


def x_of(panel, windows):
    return margin_l + panel * (panel_w + gap) + (math.log10(windows) - x_min) / (x_max - x_min) * panel_w


def y_of(ns):
    return margin_t + panel_h - (math.log10(max(ns, y_bottom)) - math.log10(y_bottom)) / (math.log10(y_top) - math.log10(y_bottom)) * panel_h


svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
       f'<rect width="{width}" height="{height}" fill="white"/>',
       f'<text x="{margin_l}" y="24" font-size="16" font-weight="bold">VtdDsl: ns per DMA translation against policy size (log–log; lower is better)</text>',
       f'<text x="{margin_l}" y="44" fill="#555">BenchmarkDotNet mean per probe over 4,096 deterministic probes; specs: two-vm (6 windows), Medium (10,000), Large (100,000). Source: {REPORT.name}</text>']
for panel, scenario in enumerate(SCENARIOS):
    left = margin_l + panel * (panel_w + gap)
    svg.append(f'<text x="{left + panel_w / 2}" y="{margin_t - 8}" text-anchor="middle" font-weight="bold">{scenario}</text>')
    svg.append(f'<rect x="{left}" y="{margin_t}" width="{panel_w}" height="{panel_h}" fill="none" stroke="#999"/>')
    decade = 1.0
    while decade <= y_top:
        y = y_of(decade)
        svg.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + panel_w}" y2="{y:.1f}" stroke="#eee"/>')
        svg.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{decade:g} ns</text>')
        decade *= 10
    for name, windows in WINDOWS.items():
        if not any(w == windows for points in data.values() for w, _ in points):
            continue
        x = x_of(panel, windows)
        svg.append(f'<line x1="{x:.1f}" y1="{margin_t}" x2="{x:.1f}" y2="{margin_t + panel_h}" stroke="#eee"/>')
        svg.append(f'<text x="{x:.1f}" y="{margin_t + panel_h + 16}" text-anchor="middle" fill="#555">{name}</text>')
        svg.append(f'<text x="{x:.1f}" y="{margin_t + panel_h + 30}" text-anchor="middle" fill="#888" font-size="10">{windows:,} win.</text>')
    for method, colour in SERIES:
        points = data.get((scenario, method), [])
        if not points:
            continue
        path = " ".join(f"{x_of(panel, w):.1f},{y_of(ns):.1f}" for w, ns in points)
        svg.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for w, ns in points:
            svg.append(f'<circle cx="{x_of(panel, w):.1f}" cy="{y_of(ns):.1f}" r="3.5" fill="{colour}"><title>{method} {scenario} {w:,} windows: {ns:.2f} ns</title></circle>')
            svg.append(f'<text x="{x_of(panel, w) + 5:.1f}" y="{y_of(ns) - 5:.1f}" fill="{colour}" font-size="10">{ns:.1f}</text>')
legend_y = margin_t + panel_h + 60
for i, (method, colour) in enumerate(SERIES):
    x = margin_l + i * 260
    svg.append(f'<line x1="{x}" y1="{legend_y}" x2="{x + 30}" y2="{legend_y}" stroke="{colour}" stroke-width="3"/>')
    svg.append(f'<text x="{x + 38}" y="{legend_y + 4}">{LABELS[method]}</text>')
svg.append("</svg>")
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text("\n".join(svg) + "\n", encoding="utf-8")
print(f"wrote {OUT} from {REPORT}")
