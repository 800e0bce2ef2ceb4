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

CHILD = textwrap.dedent('''
    import sys
    from PySide6.QtCore import Qt
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
