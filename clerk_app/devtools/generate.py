"""Bulk generator of synthetic applications for tests and benchmarks.

Writes applicants, projection rows, their events (and, on request, pending outbox items)
directly with SQLAlchemy Core in one transaction: a million applications in minutes, not hours.
Every person is invented; СНИЛС and passports have valid form and checksums.
The projection written equals `replay()` of the events written, as the service layer would make it.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from clerk_app.domain import search_keys
from clerk_app.domain.numbering import format_number, sequence_prefix
from clerk_app.devtools import timeline
from clerk_app.domain.enums import OutboxKind, OutboxState
from clerk_app.domain.projection import replay
from clerk_app.services.catalogue import list_services
from clerk_app.services.reports import store as report_store
from clerk_app.services.reports.facts import case_facts
from clerk_app.services.context import AppContext
from clerk_app.services.settings import load_settings
from clerk_app.storage.models import (
    Applicant,
    Application,
    ApplicationEvent,
    NumberSequence,
    OutboxItem,
)

MALE = (("Иванов", "Петров", "Сидоров", "Смирнов", "Кузнецов", "Попов", "Волков", "Соколов", "Лебедев",
         "Козлов", "Новиков", "Морозов", "Егоров", "Павлов", "Фёдоров", "Орлов"),
        ("Алексей", "Иван", "Сергей", "Дмитрий", "Андрей", "Михаил", "Николай", "Олег", "Павел", "Юрий"),
        ("Алексеевич", "Иванович", "Сергеевич", "Дмитриевич", "Андреевич", "Михайлович", "Петрович"))
FEMALE = (("Иванова", "Петрова", "Сидорова", "Смирнова", "Кузнецова", "Попова", "Волкова", "Соколова",
           "Лебедева", "Козлова", "Новикова", "Морозова", "Егорова", "Павлова", "Фёдорова", "Орлова"),
          ("Мария", "Анна", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Юлия", "Дарья"),
          ("Алексеевна", "Ивановна", "Сергеевна", "Дмитриевна", "Андреевна", "Михайловна", "Петровна"))
STREETS = ("ул. Мира", "пр-т Ленина", "ул. Рабоче-Крестьянская", "ул. Советская", "ул. Краснознаменская",
           "ул. Новороссийская", "б-р 30-летия Победы", "ул. Циолковского")
ISSUERS = ("ОУФМС России по Волгоградской обл. в Центральном р-не г. Волгограда",
           "ГУ МВД России по Волгоградской области")

OTHER_WORKSTATIONS = ("34-001-08", "34-001-09")
OTHER_STAFF = ("petrova.av", "orlov.sn", "egorova.ti")
DEMO_STAFF = (("clerk", "Оператор Демонстрационный", "clerk"), ("ivanova.mp", "Иванова Мария Петровна", "clerk"),
              ("sokolov.da", "Соколов Дмитрий Андреевич", "clerk"), ("lebedeva.on", "Лебедева Ольга Николаевна", "clerk"),
              ("boss", "Руководитель Демонстрационный", "supervisor"), ("root", "Администратор Демонстрационный", "admin"))


def snils(n: int) -> str:
    """A valid СНИЛС made from a 9-digit number (kept above the reserved range 001-001-998)."""
    digits = f"{2_000_000 + n % 997_000_000:09d}"
    total = sum(int(d) * w for d, w in zip(digits, range(9, 0, -1), strict=True))
    check = total % 101 if total > 101 else total
    check = 0 if check in (100, 101) else check
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:9]} {check:02d}"


def passport(n: int) -> tuple[str, str]:
    """A passport of the Volgograd region (series 18 YY), unique for n below 10**6 * 20."""
    return f"18 {n // 1_000_000 % 20 + 5:02d}", f"{n % 1_000_000:06d}"


@dataclass(frozen=True)
class Generated:
    applications: int
    applicants: int
    events: int
    outbox: int


def _person(rnd: random.Random, n: int, today: date) -> dict:
    last, first, middle = (rnd.choice(part) for part in (MALE if rnd.random() < 0.5 else FEMALE))
    birth = today - timedelta(days=rnd.randint(18 * 365, 85 * 365))
    issued = max(birth + timedelta(days=20 * 366), today - timedelta(days=rnd.randint(30, 19 * 365)))
    series, number = passport(n)
    full_name = f"{last} {first} {middle}"
    return {
        "last_name": last, "first_name": first, "middle_name": middle, "birth_date": birth.isoformat(),
        "snils": snils(n), "inn": None,
        "passport": {"series": series, "number": number, "issued_by": rnd.choice(ISSUERS),
                     "issued_on": min(issued, today).isoformat(), "division_code": "340-001"},
        "phone": f"+7917{n % 10_000_000:07d}",
        "address": f"г. Волгоград, {rnd.choice(STREETS)}, д. {rnd.randint(1, 120)}, кв. {rnd.randint(1, 300)}",
        "full_name": full_name,
    }


def generate(ctx: AppContext, count: int, *, seed: int = 1, today: date | None = None, days: int = 3 * 365,
             queued: bool = False, operator: str = "clerk", operators: tuple[str, ...] = ()) -> Generated:
    """Insert `count` synthetic applications registered over the last `days` days.

    queued=False: events are stored as already shared (gateway `seq` set), nothing waits to be sent.
    queued=True: every application is freshly registered and its event waits in the outbox.
    A quarter of the applications come from the centre's other workstations (shared register);
    `operators` spreads this workstation's registrations over several operators.
    """
    rnd = random.Random(seed)
    today = today or ctx.now().date()
    tz = ctx.now().tzinfo
    assert tz is not None  # the clock is zone-aware
    services = [s for s in list_services(ctx) if any(d.required for d in s.documents) or s.documents]
    if not services:
        raise RuntimeError("catalogue is empty: import the catalogue first")
    calendar = ctx.calendar()

    @lru_cache(maxsize=None)
    def due(day: date, n: int, working: bool) -> tuple[date, bool]:
        d = calendar.due(day, n, working)
        return d.date, d.provisional

    @lru_cache(maxsize=None)
    def req_due(day: date, n: int) -> date:
        return calendar.due_working_days(day, n).date

    with ctx.db.write() as s:
        ws = load_settings(s).workstation_id
        seqs = {r.prefix: r.last for r in s.scalars(select(NumberSequence))}
        others: dict[str, int] = {}
        n_applicants = max(1, count * 2 // 3)
        base = int(s.scalar(select(NumberSequence.last).where(NumberSequence.prefix == "devtools-applicants"))
                   or 0)
        applicants = []
        people = []
        for i in range(n_applicants):
            person = _person(rnd, base + i, today)
            pid = str(uuid.uuid4())
            people.append((pid, person))
            p = person["passport"]
            applicants.append({
                "id": pid, "last_name": person["last_name"], "first_name": person["first_name"],
                "middle_name": person["middle_name"], "name_key": person["full_name"].lower(),
                "birth_date": date.fromisoformat(person["birth_date"]), "snils": person["snils"], "inn": None,
                "passport_series": p["series"], "passport_number": p["number"], "passport_issued_by": p["issued_by"],
                "passport_issued_on": date.fromisoformat(p["issued_on"]), "division_code": p["division_code"],
                "phone": person["phone"], "address": person["address"], "updated_at": today.isoformat(),
            })
        s.merge(NumberSequence(prefix="devtools-applicants", last=base + n_applicants))
        s.execute(insert(Applicant), applicants)
        del applicants

        # registration moments, oldest first, so that numbers grow with time within each year
        moments = sorted(
            datetime.combine(today - timedelta(days=rnd.randint(0, days)),
                             time(8 + rnd.randint(0, 9), rnd.randint(0, 59), rnd.randint(0, 59)), tz)
            for _ in range(count))
        if queued:
            moments = [datetime.combine(today, time(9, 0), tz) + timedelta(seconds=i) for i in range(count)]
        rows, events, outbox, facts = [], [], [], []
        local_seq = 0
        cut = ctx.now() if today == ctx.now().date() else datetime.combine(today, time(23, 59, 59), tz)
        staff = list(operators or (operator,))
        svc_weights = [1 / (i + 1) ** 0.6 for i in range(len(services))]
        for i, at in enumerate(moments):
            here = queued or rnd.random() < 0.75
            station = ws if here else rnd.choice(OTHER_WORKSTATIONS)
            year = at.year
            prefix = sequence_prefix(station, year)
            book = seqs if here else others
            book[prefix] = book.get(prefix, 0) + 1
            number = format_number(station, year, book[prefix])
            app_id = str(uuid.uuid4())
            pid, person = people[rnd.randrange(len(people))]
            svc = rnd.choices(services, svc_weights)[0]
            who = staff[0] if here and len(staff) == 1 else rnd.choice(staff) if here else rnd.choice(OTHER_STAFF)
            due_on, provisional = due(at.date(), svc.due_days, svc.due_working)
            docs = [{"code": d.code, "name": d.name, "original": d.original, "sheets": 1}
                    for d in svc.documents if d.required] or \
                   [{"code": svc.documents[0].code, "name": svc.documents[0].name,
                     "original": svc.documents[0].original, "sheets": 1}]
            registered_at = at.isoformat(timespec="seconds")
            evs = [("registered", at, {
                "service": svc.code, "registered_at": registered_at, "due_date": due_on.isoformat(),
                "due_date_provisional": provisional, "applicant": person, "documents": docs, "subject": {},
            })]
            if not queued:
                evs += [e for e in timeline.life(rnd, svc, at, due_on, req_due) if e[1] <= cut]
            app_events = []
            for etype, when, data in evs:
                local_seq += 1
                ev = {"event_id": str(uuid.uuid4()), "application_id": app_id, "application_number": number,
                      "type": etype, "occurred_at": when.isoformat(timespec="seconds"), "workstation": station,
                      "operator": who, "data": data, "seq": None if queued else local_seq,
                      "local_seq": local_seq, "synced": not queued}
                app_events.append(ev)
                if queued:
                    body = {k: ev[k] for k in ("event_id", "application_id", "application_number", "type",
                                               "occurred_at", "workstation", "operator", "data")}
                    outbox.append({"kind": OutboxKind.EVENT.value, "ref_id": ev["event_id"], "body": body,
                                   "state": OutboxState.PENDING.value, "attempts": 0, "next_attempt_at": 0.0,
                                   "created_at": ev["occurred_at"]})
            events += app_events
            state = replay(app_events)  # frozen states share the applicant: no copies to keep small
            assert state is not None
            case = case_facts(app_events, tz=tz, calendar=calendar, terms=report_store.service_terms(ctx, s, svc.code))
            if case is not None:
                facts.append(case)
            rows.append({
                "id": app_id, "number": number, "service_code": svc.code, "applicant_id": pid,
                "applicant_name": person["full_name"],
                "applicant_name_key": search_keys.name_key(person["full_name"]),
                "applicant_initials_key": search_keys.initials_key(person["full_name"]),
                "number_key": search_keys.number_key(number),
                "status": state.status.value, "registered_at": registered_at, "registered_on": at.date(),
                "due_date": due_on, "due_provisional": provisional, "workstation": station, "operator": who,
                "open_requests": state.open_requests, "state": state.to_json(), "updated_at": registered_at,
            })
            if len(rows) >= 5000:
                _flush(s, rows, events, outbox, facts)
        _flush(s, rows, events, outbox, facts)
        report_store.mark_fresh(s)
        for prefix, last in seqs.items():
            s.merge(NumberSequence(prefix=prefix, last=last))
        return Generated(count, n_applicants, local_seq, count if queued else 0)


def _table(model: type) -> Table:
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def _flush(s: Session, rows: list, events: list, outbox: list, facts: list) -> None:
    # Core inserts: one executemany per table (the ORM would page them through insertmanyvalues)
    if rows:
        s.execute(_table(Application).insert(), rows)
    if events:
        s.execute(_table(ApplicationEvent).insert(), events)
    if outbox:
        s.execute(_table(OutboxItem).insert(), outbox)
    report_store.write_facts(s, facts)
    facts.clear()
    rows.clear()
    events.clear()
    outbox.clear()


def main(argv: list[str] | None = None) -> int:
    """python -m clerk_app.devtools.generate DATA_DIR COUNT: a demo workstation with generated applications."""
    import argparse
    from pathlib import Path

    from clerk_app.resources_path import resources_dir
    from clerk_app.services import catalogue, operators, workstation

    parser = argparse.ArgumentParser(description="synthetic applications for benchmarks and screenshots")
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=int, default=3 * 365, help="registrations spread over the last DAYS days")
    parser.add_argument("--password", default="demo-2026-demo", help="password of the demo operators")
    args = parser.parse_args(argv)
    ctx = workstation.init(args.data_dir, "34-001", "34-001-07",
                           centre_name="МФЦ «Мои документы» Центрального района Волгограда",
                           centre_address="г. Волгоград, ул. Демонстрационная, д. 1", centre_phone="+7 8442 00-00-00")
    try:
        if not list_services(ctx):
            catalogue.import_file(ctx, resources_dir() / "catalogue" / "demo-volgograd.json")
        with ctx.db.read() as s:
            from clerk_app.storage.models import Operator
            known = set(s.scalars(select(Operator.login)))
        for login, name, role in DEMO_STAFF:
            if login not in known:
                operators.add_operator(ctx, login, name, role, args.password)
        out = generate(ctx, args.count, seed=args.seed, days=args.days,
                       operators=tuple(login for login, _, role in DEMO_STAFF if role != "admin"))
        print(f"{out.applications} applications, {out.applicants} applicants, {out.events} events in {args.data_dir}")
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
