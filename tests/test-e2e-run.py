#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, from outside, over AT-SPI: starts the real `kindling` binary
# (path in KDL_KINDLING) on a sample dataset (`kindling FILE`), with the
# offline simulator chosen in its settings (a keyfile in a fresh
# XDG_CONFIG_HOME) and a fresh project; presses "Start Run" in the Run view
# and reads the final count back from the accessibility tree.  Needs the
# session of `build-aux/dev test` (Xvfb + D-Bus); prints TAP.

import importlib.util
import os
import re
import subprocess
import sys
import tempfile

# The helpers of the Preferences end-to-end test (same folder).
_spec = importlib.util.spec_from_file_location(
    "e2e", os.path.join(os.path.dirname(os.path.abspath(__file__)), "test-e2e-preferences.py"))
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)

ROWS = 10
SETTINGS = """[io/github/kindling/Kindling]
model-preset='simulator'
last-view='run'
concurrency=uint32 8
requests-per-second=0.0
"""


def main():
    if not os.environ.get("KDL_TEST_SESSION") and not (
            os.environ.get("DISPLAY") and os.environ.get("DBUS_SESSION_BUS_ADDRESS")):
        print("1..0 # SKIP needs a display and a session bus: run it with build-aux/dev test")
        return 0

    binary = os.environ["KDL_KINDLING"]
    samples = os.environ.get("KDL_SAMPLES_DIR") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "data", "samples")
    dataset = os.path.join(samples, "sample-finetune.jsonl")
    home = tempfile.mkdtemp(prefix="kindling-e2e-run-")
    config = os.path.join(home, "config")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write(SETTINGS)

    env = dict(os.environ)
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env["LC_ALL"] = "C.UTF-8"
    env["LANGUAGE"] = ""
    # Settings from the keyfile; a project of its own.
    env["GSETTINGS_BACKEND"] = "keyfile"
    env["XDG_CONFIG_HOME"] = config
    env["XDG_DATA_HOME"] = os.path.join(home, "data")

    e2e.tap_plan(4)
    e2e.wait_for_display()
    for attempt in range(3):
        proc = subprocess.Popen([binary, dataset], env=env)
        try:
            proc.wait(timeout=1)
            e2e.diag("kindling exited with %d; starting it again" % proc.returncode)
        except subprocess.TimeoutExpired:
            break
    try:
        app = e2e.wait_for("the app on the accessibility bus", lambda: e2e.find_app(proc.pid))
        e2e.wait_for("the main window", lambda: e2e.find(app, "frame") or e2e.find(app, "window"))
        # The form says how many rows the dataset it was opened with has.
        rows = e2e.wait_for("the dataset in the Run view",
                            lambda: e2e.find_label(app, "%d rows in sample-finetune.jsonl" % ROWS))
        print("ok 1 - kindling opened the dataset: %s" % e2e.label_text(rows), flush=True)

        estimate = e2e.wait_for("the estimate", lambda: e2e.find_label(app, "calls ·"))
        text = e2e.label_text(estimate)
        e2e.diag("estimate: " + text)
        assert text.startswith("%d calls" % (ROWS * 2)), "unexpected estimate %r" % text
        print("ok 2 - the estimate counts %d calls" % (ROWS * 2), flush=True)

        start = e2e.wait_for("the Start Run button", lambda: e2e.find(app, "push button", contains="Start Run"))
        e2e.diag("button: " + start.name)
        start.queryAction().doAction(0)
        title = e2e.wait_for("the run to start", lambda: e2e.find_label(app, "Run 1 · rebuild → judge"))
        e2e.diag("title: " + e2e.label_text(title))
        print("ok 3 - the run started from the Run view", flush=True)

        try:
            summary = e2e.wait_for("the final count",
                                   lambda: e2e.find_label(app, "samples: "), timeout=90)
        except AssertionError:
            for node in e2e.descendants(app):
                try:
                    e2e.diag("%s: %r" % (node.getRoleName(), e2e.label_text(node)[:120]))
                except Exception:
                    pass
            raise
        text = e2e.label_text(summary)
        e2e.diag("summary: " + text)
        match = re.match(r"(\d+) samples: (\d+) done, (\d+) failed", text)
        assert match, "no count in %r" % text
        assert match.groups() == (str(ROWS), str(ROWS), "0"), "unexpected count %r" % text
        assert "%d scored" % ROWS in text, "not every sample was scored: %r" % text
        print("ok 4 - the run finished: %s" % text.split(" · ")[0], flush=True)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as e:
        print("not ok - %s" % e, flush=True)
        sys.exit(1)
