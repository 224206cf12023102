#!/usr/bin/env python3
"""Flame graphs from a JDK Flight Recorder file, with nothing but the JDK's `jfr` tool and Python.

    bench/flame.py recording.jfr OUTDIR

writes, for CPU (jdk.ExecutionSample: one stack per sample of a running Java thread) and for
allocation (jdk.ObjectAllocationSample, each stack weighted by the bytes it stands for):

    OUTDIR/cpu.collapsed, OUTDIR/cpu.svg, OUTDIR/alloc.collapsed, OUTDIR/alloc.svg

and prints the frames with the most self time / self bytes. A .collapsed file has one line per
distinct stack, root first, frames joined by ';', then its weight: the input of the usual flame
graph tools. The SVG is self-contained; hover a frame for its name and share.
"""
import collections
import html
import json
import subprocess
import sys

WIDTH = 1400
ROW = 16
MIN_WIDTH_PX = 0.3


def frames_of(event):
    stack = event.get("values", {}).get("stackTrace") or {}
    frames = []
    for frame in reversed(stack.get("frames") or []):  # JFR lists the top frame first
        method = frame.get("method") or {}
        owner = (method.get("type") or {}).get("name", "?")
        frames.append(owner.rsplit(".", 1)[-1] + "." + method.get("name", "?"))
    if stack.get("truncated"):
        frames.insert(0, "[truncated]")
    return frames


def collapse(jfr_file, weights):
    """weights: event name -> the field giving an event's weight (None: each event counts 1)."""
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", ",".join(weights), jfr_file],
                         check=True, capture_output=True, text=True).stdout
    stacks = collections.Counter()
    for event in json.loads(out)["recording"]["events"]:
        frames = frames_of(event)
        field = weights.get(event.get("type"))
        if frames:
            stacks[";".join(frames)] += int(event["values"].get(field, 1)) if field else 1
    return stacks


def self_weights(stacks):
    selfs = collections.Counter()
    for stack, weight in stacks.items():
        selfs[stack.rsplit(";", 1)[-1]] += weight
    return selfs


def svg(stacks, title, unit):
    root = {"children": {}, "weight": 0}
    for stack, weight in stacks.items():
        node = root
        node["weight"] += weight
        for name in stack.split(";"):
            node = node["children"].setdefault(name, {"children": {}, "weight": 0})
            node["weight"] += weight
    total = max(root["weight"], 1)
    rects = []
    depth_max = [0]

    def walk(node, x, depth):
        depth_max[0] = max(depth_max[0], depth)
        for name, child in sorted(node["children"].items()):
            width = child["weight"] / total * WIDTH
            if width >= MIN_WIDTH_PX:
                rects.append((x, depth, width, name, child["weight"]))
                walk(child, x, depth + 1)
            x += width

    walk(root, 0.0, 0)
    height = (depth_max[0] + 3) * ROW
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="monospace" '
             'font-size="11">' % (WIDTH, height),
             '<text x="4" y="12">%s: %d %s in all</text>' % (html.escape(title), total, unit)]
    for x, depth, width, name, weight in rects:
        y = height - (depth + 1) * ROW
        hue = 10 + (hash(name.split(".")[0]) % 40)
        label = html.escape(name)
        parts.append('<g><title>%s: %d %s (%.2f%%)</title><rect x="%.1f" y="%d" width="%.1f" height="%d" '
                     'fill="hsl(%d,85%%,%d%%)" stroke="white" stroke-width="0.3"/>'
                     % (label, weight, unit, 100.0 * weight / total, x, y, width, ROW - 1, hue,
                        55 + (hash(name) % 15)))
        chars = int(width / 6.6)
        if chars >= 4:
            text = name if len(name) <= chars else name[:chars - 2] + ".."
            parts.append('<text x="%.1f" y="%d">%s</text>' % (x + 2, y + ROW - 4, html.escape(text)))
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: flame.py RECORDING.jfr OUTDIR")
    jfr_file, outdir = sys.argv[1], sys.argv[2]
    done = set()
    # Allocation: each new TLAB or allocation outside one, by its size, when they were recorded
    # (bench/proxy.sh turns them on); else the sampled events, whose weights are estimates.
    tlab = {"jdk.ObjectAllocationInNewTLAB": "tlabSize", "jdk.ObjectAllocationOutsideTLAB": "allocationSize"}
    for kind, weights, unit in (("cpu", {"jdk.ExecutionSample": None}, "samples"),
                                ("alloc", tlab, "bytes"),
                                ("alloc", {"jdk.ObjectAllocationSample": "weight"}, "bytes")):
        if kind in done:
            continue  # the TLAB events were there: the samples are not needed
        stacks = collapse(jfr_file, weights)
        if not stacks:
            continue
        done.add(kind)
        event = ", ".join(weights)
        with open("%s/%s.collapsed" % (outdir, kind), "w") as f:
            for stack, w in stacks.most_common():
                f.write("%s %d\n" % (stack, w))
        with open("%s/%s.svg" % (outdir, kind), "w") as f:
            f.write(svg(stacks, "%s (%s)" % (kind, event), unit))
        total = max(sum(stacks.values()), 1)
        print("== %s: top frames by self %s (of %d)" % (kind, unit, total))
        for name, w in self_weights(stacks).most_common(25):
            print("%6.2f%%  %s" % (100.0 * w / total, name))


if __name__ == "__main__":
    main()
