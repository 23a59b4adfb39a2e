"""Links that must stay inside one process, checked by the database itself.

The models' `clean()` methods and the services refuse an agenda item whose topic belongs to
another process, an invitation with another process's side, and the like. Those checks run
only where a form or a service runs; a bulk update, a shell session or a forgotten admin
form would skip them, and one such row shows a process's topic to another process's
participants. These triggers refuse the row whatever wrote it, on SQLite and PostgreSQL.

They are (re)installed after every `migrate` (signals.py): SQLite drops a table's triggers
when Django rebuilds the table to alter it, so a later migration must not lose them.
A refused row raises the database's integrity error.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    name: str
    table: str
    on_update_only: bool
    condition: str  # SQL over NEW (and OLD for updates): true when the row must be refused
    message: str  # plain words, no quotes: it sits inside an SQL string


CHECKS = [
    Check(
        "agenda_item_topic_same_process",
        "mediation_agendaitem",
        False,
        "NEW.topic_id IS NOT NULL AND "
        "(SELECT process_id FROM mediation_topic WHERE id = NEW.topic_id) <> "
        "(SELECT process_id FROM mediation_dialoguesession WHERE id = NEW.session_id)",
        "agenda item topic of another process",
    ),
    Check(
        "action_item_topic_same_process",
        "mediation_actionitem",
        False,
        "NEW.topic_id IS NOT NULL AND "
        "(SELECT process_id FROM mediation_topic WHERE id = NEW.topic_id) <> "
        "(SELECT process_id FROM mediation_dialoguesession WHERE id = NEW.session_id)",
        "action topic of another process",
    ),
    Check(
        "invitation_side_same_process",
        "mediation_invitation",
        False,
        "NEW.side_id IS NOT NULL AND "
        "(SELECT process_id FROM mediation_side WHERE id = NEW.side_id) <> "
        "(SELECT process_id FROM mediation_dialoguesession WHERE id = NEW.session_id)",
        "invitation side of another process",
    ),
    Check(
        "process_member_side_same_process",
        "mediation_processmember",
        False,
        "NEW.side_id IS NOT NULL AND "
        "(SELECT process_id FROM mediation_side WHERE id = NEW.side_id) <> NEW.process_id",
        "member side of another process",
    ),
    Check(
        "item_record_same_session",
        "mediation_itemrecord",
        False,
        "(SELECT session_id FROM mediation_agendaitem WHERE id = NEW.agenda_item_id) <> "
        "(SELECT session_id FROM mediation_sessionrecord WHERE id = NEW.record_id)",
        "item record of another session",
    ),
    Check(
        "session_keeps_process_links",
        "mediation_dialoguesession",
        True,
        "NEW.process_id <> OLD.process_id AND ("
        "EXISTS (SELECT 1 FROM mediation_agendaitem a JOIN mediation_topic t "
        "ON t.id = a.topic_id WHERE a.session_id = NEW.id AND t.process_id <> NEW.process_id)"
        " OR EXISTS (SELECT 1 FROM mediation_actionitem a JOIN mediation_topic t "
        "ON t.id = a.topic_id WHERE a.session_id = NEW.id AND t.process_id <> NEW.process_id)"
        " OR EXISTS (SELECT 1 FROM mediation_invitation i JOIN mediation_side s "
        "ON s.id = i.side_id WHERE i.session_id = NEW.id AND s.process_id <> NEW.process_id))",
        "session with topics or sides cannot change process",
    ),
    Check(
        "topic_keeps_process_links",
        "mediation_topic",
        True,
        "NEW.process_id <> OLD.process_id AND ("
        "EXISTS (SELECT 1 FROM mediation_agendaitem a JOIN mediation_dialoguesession s "
        "ON s.id = a.session_id WHERE a.topic_id = NEW.id AND s.process_id <> NEW.process_id)"
        " OR EXISTS (SELECT 1 FROM mediation_actionitem a JOIN mediation_dialoguesession s "
        "ON s.id = a.session_id WHERE a.topic_id = NEW.id AND s.process_id <> NEW.process_id))",
        "topic in use cannot change process",
    ),
    Check(
        "side_keeps_process_links",
        "mediation_side",
        True,
        "NEW.process_id <> OLD.process_id AND ("
        "EXISTS (SELECT 1 FROM mediation_invitation i JOIN mediation_dialoguesession s "
        "ON s.id = i.session_id WHERE i.side_id = NEW.id AND s.process_id <> NEW.process_id)"
        " OR EXISTS (SELECT 1 FROM mediation_processmember m "
        "WHERE m.side_id = NEW.id AND m.process_id <> NEW.process_id))",
        "side in use cannot change process",
    ),
]


def _sqlite(check: Check) -> list[str]:
    events = ["UPDATE"] if check.on_update_only else ["INSERT", "UPDATE"]
    statements = []
    for event in events:
        name = f"{check.name}_{event.lower()}"
        statements += [
            f"DROP TRIGGER IF EXISTS {name}",
            f"CREATE TRIGGER {name} BEFORE {event} ON {check.table} FOR EACH ROW "
            f"WHEN ({check.condition}) BEGIN SELECT RAISE(ABORT, '{check.message}'); END",
        ]
    return statements


def _postgresql(check: Check) -> list[str]:
    events = "UPDATE" if check.on_update_only else "INSERT OR UPDATE"
    return [
        f"CREATE OR REPLACE FUNCTION {check.name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF ({check.condition}) THEN RAISE EXCEPTION '{check.message}' "
        "USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$",
        f"CREATE OR REPLACE TRIGGER {check.name} BEFORE {events} ON {check.table} "
        f"FOR EACH ROW EXECUTE FUNCTION {check.name}()",
    ]


def _drop_sqlite(check: Check) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {check.name}_{event}" for event in ("insert", "update")]


def _drop_postgresql(check: Check) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {check.name} ON {check.table}",
        f"DROP FUNCTION IF EXISTS {check.name}()",
    ]


BUILDERS = {"sqlite": (_sqlite, _drop_sqlite), "postgresql": (_postgresql, _drop_postgresql)}


def triggers_install(connection) -> None:
    """Install (or replace) every check on this connection's database; nothing while the
    tables are not all there yet (a partial migrate)."""
    tables = set(connection.introspection.table_names())
    if not {check.table for check in CHECKS} <= tables:
        return
    build, _drop = BUILDERS[connection.vendor]
    with connection.cursor() as cursor:
        for check in CHECKS:
            for statement in build(check):
                cursor.execute(statement)


def triggers_remove(connection) -> None:
    _build, drop = BUILDERS[connection.vendor]
    with connection.cursor() as cursor:
        for check in CHECKS:
            for statement in drop(check):
                cursor.execute(statement)
