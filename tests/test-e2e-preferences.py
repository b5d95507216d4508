#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End to end, from outside, over AT-SPI: starts the real `kindling` binary
# (path in KDL_KINDLING), opens Preferences with Ctrl+, (or, if the key
# does not reach the window, from the primary menu), turns on the offline
# simulator, presses "Test connection" and reads the streamed reply back
# from the accessibility tree.  Needs the session of `build-aux/dev test`
# (Xvfb + D-Bus); prints TAP.

import os
import socket
import subprocess
import sys
import time

import pyatspi

TIMEOUT = 20.0


def tap_plan(n):
    print("1..%d" % n, flush=True)


def diag(text):
    for line in str(text).splitlines():
        print("# " + line, flush=True)


def wait_for(what, predicate, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception as e:  # the tree changes under us
            diag("retrying %s: %s" % (what, e))
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def descendants(root):
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        yield node
        try:
            stack.extend(reversed([node.getChildAtIndex(i) for i in range(node.childCount)]))
        except Exception:
            pass


def find(root, role, name=None, contains=None):
    for node in descendants(root):
        try:
            if node.getRoleName() != role:
                continue
            text = node.name or ""
            if name is not None and text != name:
                continue
            if contains is not None and contains not in text:
                continue
            return node
        except Exception:
            continue
    return None


def find_actionable(root, name):
    """The first node called @name that has an action (a GtkMenuButton's
    own node has none; its inner button does)."""
    for node in descendants(root):
        try:
            if node.name == name and node.queryAction().nActions > 0:
                return node
        except Exception:
            continue
    return None


def label_text(node):
    # GTK 4.8 names a label after its text; its Text interface may be empty.
    if node.name:
        return node.name
    try:
        return node.queryText().getText(0, -1)
    except Exception:
        return ""


def find_label(root, contains):
    for node in descendants(root):
        try:
            if node.getRoleName() == "label" and contains in label_text(node):
                return node
        except Exception:
            continue
    return None


def windows(app):
    return [app.getChildAtIndex(i) for i in range(app.childCount)]


def press_ctrl_comma():
    # X keycodes of the default Xvfb (evdev) keymap: Control_L 37, comma 59.
    pyatspi.Registry.generateKeyboardEvent(37, None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(59, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(37, None, pyatspi.KEY_RELEASE)


def preferences_window(app):
    for window in windows(app):
        if window is not None and find(window, "push button", name="Test connection") is not None:
            return window
    return None


def wait_for_display():
    # xvfb-run may start us a moment before Xvfb accepts connections.
    display = os.environ.get("DISPLAY", "")
    if not display.startswith(":"):
        return
    path = "/tmp/.X11-unix/X" + display[1:].split(".")[0]

    def connect():
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return True
        except OSError:
            return False
        finally:
            s.close()
    wait_for("the X display " + display, connect, timeout=10)


def main():
    if not os.environ.get("KDL_TEST_SESSION") and not (
            os.environ.get("DISPLAY") and os.environ.get("DBUS_SESSION_BUS_ADDRESS")):
        print("1..0 # SKIP needs a display and a session bus: run it with build-aux/dev test")
        return 0

    binary = os.environ["KDL_KINDLING"]
    env = dict(os.environ)
    # Hiding the app from AT-SPI would defeat the test.
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    env["LC_ALL"] = "C.UTF-8"
    env["LANGUAGE"] = ""

    tap_plan(4)
    wait_for_display()
    # A display that is still coming up makes the app exit at once: retry.
    for attempt in range(3):
        proc = subprocess.Popen([binary], env=env)
        try:
            proc.wait(timeout=1)
            diag("kindling exited with %d; starting it again" % proc.returncode)
            time.sleep(1)
        except subprocess.TimeoutExpired:
            break
    try:
        app = wait_for("the app on the accessibility bus", lambda: find_app(proc.pid))
        main_window = wait_for("the main window", lambda: find(app, "frame") or find(app, "window"))
        print("ok 1 - kindling is on the accessibility bus (%s)" % main_window.name, flush=True)

        press_ctrl_comma()
        try:
            prefs = wait_for("Preferences after Ctrl+,", lambda: preferences_window(app), timeout=4)
            how = "Ctrl+,"
        except AssertionError:
            menu = wait_for("the primary menu button", lambda: find_actionable(app, "Main Menu"))
            menu.queryAction().doAction(0)
            item = wait_for("the Preferences menu item", lambda: find_actionable(app, "Preferences"))
            item.queryAction().doAction(0)
            prefs = wait_for("Preferences from the menu", lambda: preferences_window(app))
            how = "the primary menu"
        print("ok 2 - Preferences opened with %s" % how, flush=True)

        # GtkSwitch is a "check box" over AT-SPI, named by its row.
        switch = wait_for("the simulator switch",
                          lambda: find(prefs, "check box", contains="Offline Simulator"))
        switch.queryAction().doAction(0)
        wait_for("the simulator switch to be on",
                 lambda: switch.getState().contains(pyatspi.STATE_CHECKED)
                 or switch.getState().contains(pyatspi.STATE_PRESSED))
        # The main window labels the simulator once it is in use.
        wait_for("the Simulator tag", lambda: find(main_window, "label", name="Simulator"))
        print("ok 3 - the offline simulator is chosen and labelled", flush=True)

        button = find(prefs, "push button", name="Test connection")
        button.queryAction().doAction(0)
        try:
            title = wait_for("the reply title", lambda: find_label(prefs, "Reply from the offline simulator"))
        except AssertionError:
            failed = find_label(prefs, "The test failed")
            if failed is not None:
                diag("the test failed: " + " / ".join(label_text(n) for n in descendants(prefs)
                                                       if n.getRoleName() == "label"))
            raise
        # The simulator answers with multiple-choice questions in the
        # canonical form; wait until the whole answer has streamed in.
        reply = wait_for("the streamed reply",
                         lambda: find_label(prefs, "答案:") if find_label(prefs, "Answered in") else None)
        text = label_text(reply)
        diag("title: " + label_text(title))
        diag("reply: " + text[:200])
        assert text.startswith("1. "), "the reply is not the simulator's MCQ form: %r" % text[:80]
        assert text.count("答案:") == 4, "expected four answers in %r" % text
        print("ok 4 - Test connection shows the simulator's reply", flush=True)
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
