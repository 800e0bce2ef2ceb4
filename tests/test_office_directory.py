"""Office mode (DOMAIN.md §13) for the party directory and the 双随机 draw log (issue 15): who may write them
is decided by the database — 承办人 and 管理员 keep the directory, only a 承办人 draws or records a conflict,
法制审核 and 负责人 read — and both logs are append-only for every account, each write naming its login."""

from __future__ import annotations

import psycopg
import pytest
from test_office_roles import PARTY, office  # noqa: F401 (the fixture)

from wenshu.draws import DrawLog, Inspector, Target, run
from wenshu.parties import PartyDirectory
from wenshu.pg.store import PgStore
from wenshu.store import StoreError

TARGETS = [Target("91140930000000001T", "神池县第1化工有限公司"), Target("91140930000000002X", "神池县第2化工有限公司")]
INSPECTORS = [Inspector(f"140900{n:05d}", f"检查员{n}") for n in range(1, 5)]


@pytest.fixture
def stores(office):  # noqa: F811
    opened = {k: PgStore(office[k]) for k in ("admin", "clerk", "reviewer", "leader")}
    yield opened
    for s in opened.values():
        s.close()


def test_clerks_and_the_administrator_keep_the_directory_reviewers_and_leaders_read_it(stores):
    PartyDirectory(stores["clerk"], "张三").put(PARTY)
    assert PartyDirectory(stores["admin"], "信息科").put(dict(PARTY, phone="13900000000"))["action"] == "updated"
    for who in ("reviewer", "leader"):
        directory = PartyDirectory(stores[who])
        assert directory.get(PARTY["uscc"])["phone"] == "13900000000"  # read
        with pytest.raises(StoreError, match="无权修改企业库"):
            directory.put(dict(PARTY, phone="13700000000"))
    assert PartyDirectory(stores["reviewer"]).get(PARTY["uscc"])["phone"] == "13900000000"
    logged = stores["reviewer"]._query("SELECT logged_by FROM party_log ORDER BY id")
    assert [r[0] for r in logged] == [stores["clerk"].login, stores["admin"].login]  # who, by the database


def test_only_a_clerk_draws_or_records_a_conflict(stores):
    result = run(DrawLog(stores["clerk"], "张三"), TARGETS, INSPECTORS, 2, 2, seed="7")
    for who in ("reviewer", "leader", "admin"):
        log = DrawLog(stores[who])
        if who != "admin":
            assert [e["draw_id"] for e in log.entries()] == [result["draw_id"]]
        with pytest.raises(StoreError, match="无权进行双随机抽取"):
            run(log, TARGETS, INSPECTORS, 2, 2, seed="8")
        with pytest.raises(StoreError, match="无权记录回避关系"):
            log.add_conflict(INSPECTORS[0].cert_no, TARGETS[0].key)
    assert DrawLog(stores["reviewer"]).verify() == []
    drawn_by = stores["reviewer"]._query("SELECT drawn_by FROM draw_log")
    assert [r[0] for r in drawn_by] == [stores["clerk"].login]


def test_no_account_changes_or_deletes_the_draw_or_party_log_not_even_the_owner(office, stores):  # noqa: F811
    run(DrawLog(stores["clerk"]), TARGETS, INSPECTORS, 2, 2, seed="7")
    PartyDirectory(stores["clerk"]).put(PARTY)
    for table, words in (("draw_log", "双随机抽查记录只能增加"), ("party_log", "企业库的变更记录只能增加")):
        for who in ("clerk", "admin"):
            with pytest.raises(StoreError, match=words), stores[who].transaction() as db:
                db.execute(f"DELETE FROM {table}")
        with psycopg.connect(office["owner"], autocommit=True) as owner:
            for statement in (f"UPDATE {table} SET who = 'x'", f"DELETE FROM {table}", f"TRUNCATE {table}"):
                with pytest.raises(psycopg.Error, match="只能增加"):
                    owner.execute(statement)
    assert len(DrawLog(stores["clerk"]).entries()) == 1 and len(PartyDirectory(stores["clerk"]).log()) == 1


def test_an_office_database_of_schema_1_is_upgraded_keeping_every_version(office):  # noqa: F811
    """A database made before compact versions and the directory (schema 1): a clerk is told to have it
    upgraded; the owner's ``wenshu db init`` upgrades it; the old versions read back whole, the chain holds."""
    from samples import draft

    from wenshu.pg import admin
    from wenshu.service import CaseService

    clerk = CaseService(PgStore(office["clerk"]))
    case = clerk.new_case({"party": PARTY})
    doc = clerk.add_document(case, "inspection_record", draft("inspection_record"))
    clerk.save(doc, dict(clerk.document(doc)["answers"], place="地面调度室"))
    texts = {v["version"]: clerk.store.version_text(_doc_id(clerk, doc), v["version"]) for v in clerk.versions(doc)}
    assert len(texts) == 2
    clerk.close()
    with psycopg.connect(office["owner"], autocommit=True) as owner:  # back to how schema 1 stored them
        owner.execute("ALTER TABLE document_versions DISABLE TRIGGER USER")
        for version, text in texts.items():
            owner.execute("UPDATE document_versions SET answers = %s, body = NULL WHERE version = %s", (text, version))
        owner.execute("ALTER TABLE document_versions ENABLE TRIGGER USER")
        owner.execute("ALTER TABLE document_versions DROP COLUMN body")
        owner.execute("DROP TABLE parties, party_log, draw_conflicts, draw_log")
        owner.execute("UPDATE meta SET value = '1' WHERE key = 'office_schema'")
    with pytest.raises(StoreError, match="旧版本.*wenshu db init"):
        PgStore(office["clerk"])
    admin.init_database(office["owner"], "adm_upgrade", "信息科", password="pw")
    clerk = CaseService(PgStore(office["clerk"]))
    try:
        assert clerk.document(doc)["answers"]["place"] == "地面调度室"
        assert [v["answers"].get("place") for v in clerk.versions(doc)][-1] == "地面调度室"
        clerk.save(doc, dict(clerk.document(doc)["answers"], place="井下12采区"))  # stored compactly now
        assert clerk.verify_history() == []
        assert PartyDirectory(clerk.store).put(PARTY)["action"] == "added"
    finally:
        clerk.close()


def _doc_id(service, doc_uid: str) -> int:
    return service.store._query("SELECT id FROM documents WHERE uid = ?", (doc_uid,))[0][0]


def test_the_agency_profile_lives_in_the_database_the_administrator_writes_it_every_pc_takes_it(
        office, tmp_path, monkeypatch):  # noqa: F811
    """DOMAIN.md §13: agency settings are the database's in office mode. The 管理员 sets the agency name and a
    template on one PC; a clerk's PC takes both over when it connects; the clerk cannot change them."""
    from pathlib import Path

    from wenshu import profile

    template = (Path(__file__).resolve().parents[1] / "templates" / "penalty_notice" / "template.docx").read_bytes()
    monkeypatch.setenv("WENSHU_HOME", str(tmp_path / "pc_admin"))
    monkeypatch.setenv("WENSHU_DATABASE", office["admin"])
    mine = profile.current_profile()
    mine["agency"]["name"] = "五寨县应急管理局"
    profile.save_profile(mine)
    profile.set_template("penalty_notice", template)

    monkeypatch.setenv("WENSHU_HOME", str(tmp_path / "pc_clerk"))
    monkeypatch.setenv("WENSHU_DATABASE", office["clerk"])
    assert profile.current_profile()["agency"]["name"] == "神池县应急管理局"  # this PC has not connected yet
    store = PgStore(office["clerk"])
    try:
        shown = profile.current_profile()
        assert shown["agency"]["name"] == "五寨县应急管理局"
        assert (profile.templates_dir() / "penalty_notice.docx").read_bytes() == template
        assert "penalty_notice" in shown["template_overrides"]
        changed = dict(shown, agency=dict(shown["agency"], name="别的名称"))
        with pytest.raises(profile.ProfileError, match="由管理员统一设置"):
            profile.save_profile(changed)
        with pytest.raises(StoreError, match="无权修改机关配置"):  # a modified client: the database refuses
            store.put_agency_profile("{}")
        assert profile.current_profile()["agency"]["name"] == "五寨县应急管理局"
    finally:
        store.close()
    logged = PgStore(office["owner"])
    try:
        assert {r[0] for r in logged._query("SELECT updated_by FROM agency_profile")} == {
            office["admin"].split("://", 1)[1].split("@", 1)[0]}
    finally:
        logged.close()
