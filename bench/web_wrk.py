"""The load of ``bench.web`` sent by ``wrk`` (a C load generator), when it is installed.

The Python client (httpx on asyncio) costs about as much CPU per request as the server's
cheaper pages, and on a small machine it takes that CPU from the server it measures. ``wrk``
sends the same plan - the same search URLs and article ids, in the same order - for far less.

Each client is one wrk thread with one keep-alive connection (``-t N -c N``), so a thread's
Lua state sees its requests and responses strictly in turn: the script times each one with
the monotonic clock (LuaJIT's FFI) and knows its kind. Client ``k`` sends the plan's entries
``k, k + N, k + 2N, ...`` and stops after its last, so the run is bounded by count (the
plan) and by time (``-d``), as the Python client's is.
"""

from __future__ import annotations

import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["available", "run_wrk"]

_SCRIPT = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } wl_timespec;
int clock_gettime(int clk_id, wl_timespec *tp);
]]
local ts = ffi.new("wl_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local threads = {}
local count = 0
function setup(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(args[2])
  kinds, reqs, paths, out = {}, {}, {}, {}
  local i = 0
  for line in io.lines(args[1]) do
    if i % n == id then
      local kind, path = line:match("^(%S+)\t(.*)$")
      kinds[#kinds + 1] = kind
      reqs[#reqs + 1] = wrk.format("GET", path)
      paths[#paths + 1] = path
    end
    i = i + 1
  end
  at = 1
end

-- wrk may call request() once to check it before the run: only a response moves on
function request()
  started = now_ms()
  return reqs[at]
end

function response(status, headers, body)
  local ended = now_ms()
  out[#out + 1] = string.format(
    "%s %d %.3f %.3f %s %s", kinds[at], status, started, ended - started, paths[at],
    headers["x-wirelens-cache"] or "-")
  at = at + 1
  if at > #reqs then
    -- wrk's main thread sleeps the whole -d: say so, and the harness interrupts it
    local f = io.open(os.getenv("WL_WRK_OUT") .. ".finished", "a")
    f:write("1\n")
    f:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local f = io.open(os.getenv("WL_WRK_OUT"), "w")
  for _, t in ipairs(threads) do
    for _, line in ipairs(t:get("out")) do
      f:write(line, "\n")
    end
  end
  f:close()
end
"""


def available() -> bool:
    """Whether ``wrk`` is on the PATH."""
    return shutil.which("wrk") is not None


def run_wrk(
    base: str,
    plan: list[tuple[str, str]],
    *,
    clients: int,
    seconds: float,
    sample: Callable[[], None],
) -> tuple[dict[str, list[float]], dict[str, int], float, float, dict[str, int]]:
    """Send ``plan`` with wrk: (ms per kind of the 200s, errors by status, wall s, client CPU s,
    answers by their ``x-wirelens-cache`` header).

    A search URL with a filter (``&`` in it) is counted under ``search`` and
    ``search_filtered``, as the Python client counts it.

    ``sample`` is called every 2 s while wrk runs (the load average sampler).
    """
    clients = max(1, min(clients, len(plan)))  # every thread needs a request of its own
    with tempfile.TemporaryDirectory(prefix="wl-wrk-") as tmp:
        folder = Path(tmp)
        (folder / "plan.tsv").write_text("".join(f"{_kind(k, url)}\t{url}\n" for k, url in plan))
        (folder / "plan.lua").write_text(_SCRIPT)
        out = folder / "out.txt"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        command = [
            *("wrk", "-t", str(clients), "-c", str(clients)),
            *("-d", f"{max(1, int(seconds))}s", "--timeout", "30s"),
            *("-s", str(folder / "plan.lua"), base, "--"),
            *(str(folder / "plan.tsv"), str(clients)),
        ]
        process = subprocess.Popen(
            command,
            env={"WL_WRK_OUT": str(out), "PATH": "/usr/bin:/bin"},
            stdout=subprocess.DEVNULL,
        )
        finished = Path(f"{out}.finished")
        while process.poll() is None:
            sample()
            for _ in range(20):
                if process.poll() is not None:
                    break
                if finished.exists() and len(finished.read_bytes().split()) >= clients:
                    process.send_signal(signal.SIGINT)  # wrk stops, then writes its results
                    break
                time.sleep(0.1)
            else:
                continue
            process.wait()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if process.returncode != 0:
            raise SystemExit(f"wrk failed (exit {process.returncode})")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        lines = out.read_text().splitlines()
    times: dict[str, list[float]] = {"search": [], "article": [], "search_filtered": []}
    errors: dict[str, int] = {}
    first, last = float("inf"), 0.0
    slowest: list[tuple[float, str]] = []
    cache: dict[str, int] = {}  # x-wirelens-cache: hit, miss, "-" (not a cached page)
    for line in lines:
        kind, status, start, ms, url, cached = line.split()
        slowest.append((float(ms), url))
        cache[cached] = cache.get(cached, 0) + 1
        first, last = min(first, float(start)), max(last, float(start) + float(ms))
        if status == "200":
            times[kind].append(float(ms))
            if kind == "search_filtered":  # also a search
                times["search"].append(float(ms))
        else:
            errors[status] = errors.get(status, 0) + 1
    for ms, url in sorted(slowest, reverse=True)[:5]:
        print(f"slow: {ms:.0f} ms {url}", file=sys.stderr)
    return times, errors, (last - first) / 1000 if lines else 0.0, cpu, cache


def _kind(kind: str, url: str) -> str:
    return "search_filtered" if kind == "search" and "&" in url else kind
