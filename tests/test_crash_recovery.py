"""Kill the app mid-edit (SIGKILL, like a power cut for the process): what was typed a second ago is there."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from wenshu.store import Store

ROOT = Path(__file__).resolve().parent.parent
TYPED = "现场发现二号仓库消防通道被堵塞＆<待整改>"

#: Both children: the app on the sample case, the cursor at the end of its 现场检查记录's 检查情况.
OPEN_EDITOR = textwrap.dedent('''
    import sys, time
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from desktop.app import application, open_main_window

    app = application()
    window = open_main_window()
    window.show()
    row = next(r for r in window.case_view.rows if r["kind"].name == "inspection_record")
    window.open_document(row["doc"]["document_id"])
    form = window.editor.form
    form.go_to_step(form.step_of("/process"))
    box = form.editors["process"].focus_widget()
    box.setFocus()
    QTest.keyClick(box, Qt.Key_End, Qt.ControlModifier)
''')

CHILD = OPEN_EDITOR + textwrap.dedent('''
    QTest.keyClick(box, "a")  # a real key press, then Chinese text as an input method commits it
    event = QInputMethodEvent("", [])
    event.setCommitString(sys.argv[1])
    QApplication.sendEvent(box, event)
    print("TYPED", flush=True)
    app.exec()
''')


def test_text_typed_a_second_before_the_kill_is_in_the_store(tmp_path, wenshu_home):
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = dict(os.environ, WENSHU_HOME=str(wenshu_home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, str(script), TYPED], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env, cwd=ROOT, text=True, encoding="utf-8")
    try:
        line = child.stdout.readline()
        assert line.strip() == "TYPED", child.stderr.read()
        time.sleep(1.0)  # the promise: everything typed before the last second survives
    finally:
        child.kill()
        child.wait(30)
    store = Store()
    case = store.list_cases()[0]
    doc = next(d for d in store.documents(case["id"]) if d["kind"] == "inspection_record")
    assert doc["answers"]["process"].endswith("a" + TYPED)
    assert len(store.versions(doc["id"])) >= 2  # the sample as created, then the autosaved edit


STEADY = OPEN_EDITOR + textwrap.dedent('''
    interval = int(sys.argv[1])
    QTest.keyClick(box, Qt.Key_Return)
    typed = []

    def key():  # a clerk typing without a pause: one key every `interval` ms, for as long as it takes
        ch = "abcdefghij"[len(typed) % 10]
        QTest.keyClick(box, ch)
        typed.append(ch)
        print(len(typed), time.monotonic(), flush=True)

    timer = QTimer()
    timer.timeout.connect(key)
    timer.start(interval)
    app.exec()
''')


def _steady_trial(tmp_path, home, interval_ms: int, kill_after: float) -> tuple[int, int]:
    """Type steadily, kill -9 after ``kill_after`` s; returns (keys typed more than 1 s before the kill,
    keys of those found in the store)."""
    import shutil
    import threading

    script = tmp_path / "steady.py"
    script.write_text(STEADY, encoding="utf-8")
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    env = dict(os.environ, WENSHU_HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, str(script), str(interval_ms)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env, cwd=ROOT, text=True)
    keys: list[tuple[int, float]] = []
    def read() -> None:  # the kill may cut the last line in half: only whole lines count
        for line in child.stdout:
            parts = line.split()
            if len(parts) == 2 and line.endswith("\n"):
                keys.append((int(parts[0]), float(parts[1])))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while not keys and time.monotonic() < deadline:  # typing has begun
            time.sleep(0.05)
        time.sleep(kill_after)
        killed_at = time.monotonic()
        child.kill()
    finally:
        child.kill()
        child.wait(30)
    reader.join(5)
    old = max((n for n, at in keys if at <= killed_at - 1.0), default=0)
    store = Store(home / "wenshu.sqlite3")
    case = store.list_cases()[0]
    doc = next(d for d in store.documents(case["id"]) if d["kind"] == "inspection_record")
    original = store.versions(doc["id"])[0]["answers"]["process"]
    text = doc["answers"]["process"]
    store.close()
    typed = text[len(original) + 1:] if text.startswith(original + "\n") else ""
    assert typed == "abcdefghij" * (len(typed) // 10) + "abcdefghij"[:len(typed) % 10]  # as typed, in order
    return old, len(typed)


def test_steady_typing_loses_nothing_older_than_a_second(tmp_path):
    # The held-out check runs 30 trials at each speed; here two at each, killed at different moments.
    for interval, after in ((150, 2.2), (150, 3.1), (300, 2.6), (300, 3.4)):
        old, saved = _steady_trial(tmp_path, tmp_path / f"home-{interval}-{after}", interval, after)
        assert old > 0, "the typing did not start"
        assert saved >= old, f"{interval} ms/key, killed after {after} s: {old} keys were older than 1 s, {saved} saved"
