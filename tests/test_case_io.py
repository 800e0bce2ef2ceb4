"""A whole case goes out as JSON and comes back the same; bad files are refused in Chinese, adding nothing."""

import json

import pytest

from templates.kinds import get_kind
from wenshu.case_io import CaseFileError, case_to_json, export_case, import_case
from wenshu.store import Store


def _case(store):
    sample = get_kind("inspection_record").sample()
    case_id = store.create_case("导出案", sample["object"], {"place": sample["place"]})
    store.add_document(case_id, "inspection_record", sample)
    second = dict(sample, place="第二现场")
    store.add_document(case_id, "inspection_record", second)
    return case_id, sample, second


def test_export_carries_every_version_with_the_ids(tmp_path):
    store = Store()
    case_id, sample, second = _case(store)
    out = tmp_path / "案件.json"
    export_case(store, case_id, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["case_id"] == store.get_case(case_id)["uid"]
    assert [d["versions"][-1]["answers"] for d in data["documents"]] == [sample, second]
    assert [d["document_id"] for d in data["documents"]] == [d["uid"] for d in store.documents(case_id)]
    with pytest.raises(CaseFileError, match="已在本机"):  # the same case twice: refused, nothing added
        import_case(store, out)
    assert len(store.list_cases()) == 1


def test_a_version_1_file_still_imports_as_a_new_case(tmp_path):
    store = Store()
    sample = get_kind("inspection_record").sample()
    path = tmp_path / "旧格式.json"
    path.write_text(json.dumps({"format": "wenshu-case", "version": 1, "title": "旧案",
                                "documents": {"inspection_record": [sample, sample]}}, ensure_ascii=False),
                    encoding="utf-8")
    row = import_case(store, path)
    assert [d["answers"] for d in store.documents(row)] == [sample, sample]
    assert case_to_json(store, row)["title"] == "旧案"


@pytest.mark.parametrize(("content", "words"), [
    ("不是 JSON", "不是有效的 JSON"),
    ("[1, 2]", "JSON 对象"),
    ('{"format": "other"}', "不是执法文书助手导出的"),
    ('{"documents": {"no_such_kind": {}}}', "未知的文书种类"),
    ('{"documents": {"inspection_record": "文字"}}', "JSON 对象"),
    ('{"title": "案", "party": []}', "party"),
    ('{"version": 9}', "更新版本"),
    ('{"version": 2, "documents": []}', "case_id"),
    ('{"version": 2, "case_id": "x", "documents": [{"document_id": "d", "kind": "inspection_record"}]}', "versions"),
    ('{"version": 2, "case_id": "x", "documents": [{"document_id": "d", "kind": "inspection_record",'
     ' "versions": [{"version": "一"}]}]}', "版本记录不完整"),
])
def test_bad_case_files_are_refused_and_add_nothing(tmp_path, content, words):
    store = Store()
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CaseFileError) as info:
        import_case(store, path)
    assert words in str(info.value)
    assert store.list_cases() == []


def test_missing_file_is_a_chinese_message(tmp_path):
    with pytest.raises(CaseFileError, match="找不到文件"):
        import_case(Store(), tmp_path / "none.json")
