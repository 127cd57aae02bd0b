#!/usr/bin/env python3
"""Save-to-served latency of `gazette serve` on a copy of the seed portal:
edit a translation file, poll the English policy page over HTTP until the
change is served. Prints each sample, the server's rebuild and index times,
and the median.

    cargo build --release --bin gazette && benches/serve-latency.py [EDITS]
"""
import os, shutil, socket, statistics, subprocess, sys, time, urllib.request
repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
work = "/tmp/serve-latency"; shutil.rmtree(work, ignore_errors=True); os.makedirs(work)
for d in ("seeds", "content", "themes"):
    shutil.copytree(os.path.join(repo, d), os.path.join(work, d))
s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
p = subprocess.Popen([os.path.join(repo, "target/release/gazette"), "serve", "-v", "--root", work,
                      "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = f"http://127.0.0.1:{port}/en/policies/innovation-capital-2017-2020/"
def body():
    try:
        with urllib.request.urlopen(url, timeout=5) as r: return r.read().decode()
    except Exception: return ""
while "General Approach" not in body(): time.sleep(0.05)
time.sleep(2)  # let the first search index finish
f = os.path.join(work, "content/translations/en/000_8f98049102453562.yaml")
orig = open(f, encoding="utf-8").read()
old = "text: General Approach and Basic Principles\n"
samples = []
for i in range(n):
    marker = f"Edit{i}x{int(time.time()*1000)%100000}"
    text = orig.replace(old, f"text: General Approach and Basic Principles {marker}\n")
    t0 = time.perf_counter()
    with open(f, "w", encoding="utf-8") as out: out.write(text)
    while marker not in body(): time.sleep(0.002)
    samples.append((time.perf_counter() - t0) * 1000)
    print(f"edit {i}: {samples[-1]:.0f} ms", flush=True)
    time.sleep(1.5)  # the background index finishes between edits
p.terminate(); out = p.communicate()[0]
print("".join(l + "\n" for l in out.splitlines() if "rebuilt" in l or "index" in l))
print(f"median {statistics.median(samples):.0f} ms of {n} (min {min(samples):.0f}, max {max(samples):.0f})")
