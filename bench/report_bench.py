#!/usr/bin/env python3
"""Periodic reporting through the API (issue 14), against references asked of the same server
in the same run:
  prefill      POST /api/v1/reports of province_development (every prefilled field asked of the
               indicators) for the largest provinces and many periods, against the statistics
               calls that compute the same numbers (GET /api/v1/stats/..., one per field);
  completeness GET /api/v1/reports/completeness of coop_annual_update for a year over every
               entity, against the one statistics call that counts the expected entities;
  table        GET /api/v1/reports/table of province_development with a report from each of the
               34 provinces, as JSON and as XLSX;
  document     GET /api/v1/reports/{id}/export (the report as on paper, XLSX) and POST .../import of
               that file back (a no-op), against GET /api/v1/reports/{id};
  lists        GET /api/v1/reports over one report per entity (coop_annual_update of 2024, written
               straight into the SQLite file): a national page (first and deep), a province
               account's page of its submitted reports, against the statistics call counting the
               same entities;
  programme    GET /api/v1/programmes/{id} of a national programme with 20 targets (entity counts,
               figures and yearly event counts, some over three provinces, two manual), every
               target's progress computed from live data (issue 16), against the statistics calls
               that compute the same numbers one by one;
  activities   GET /api/v1/programmes/{id} of a programme with 20 targets measured from 2,000
               activities (counts and participants by type, yearly, some over three provinces),
               against the same counts asked of the SQLite file directly (one SELECT per question);
  idle         GET /healthz on the same keep-alive connection (the floor of a round trip).
Medians in ms. Talks to 127.0.0.1 only; bounded in count.
Usage: report_bench.py PORT ADMIN_PASSWORD HOPTAC DB_URL"""
import http.client
import json
import sqlite3
import statistics
import subprocess
import sys
import time

port, admin_password, hoptac, db_url = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
PASSWORD = "bench-password-1234"


class Client:
    def __init__(self, token=None):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.token = token

    def call(self, method, path, body=None, expect=(200, 201)):
        headers = {"Accept-Language": "en"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body)
            headers["Content-Type"] = "application/json"
        t0 = time.perf_counter()
        self.conn.request(method, path, data, headers)
        r = self.conn.getresponse()
        payload = r.read()
        ms = (time.perf_counter() - t0) * 1000
        if r.status not in expect:
            raise SystemExit(f"report_bench: {method} {path} answered {r.status}: {payload[:400]!r}")
        return ms, (json.loads(payload) if payload and payload[:1] in b"{[" else None)


def token_of(username, password):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("POST", "/api/v1/session", json.dumps({"username": username, "password": password}),
              {"Content-Type": "application/json"})
    r = c.getresponse()
    session = json.loads(r.read())
    assert r.status == 200, (r.status, session)
    cookie = r.getheader("Set-Cookie").split(";")[0]
    c.request("POST", "/api/v1/tokens", json.dumps({"name": "bench"}),
              {"Content-Type": "application/json", "Cookie": cookie, "X-CSRF-Token": session["csrf_token"]})
    r = c.getresponse()
    body = json.loads(r.read())
    assert r.status in (200, 201), (r.status, body)
    return body["token"]


def add_user(name, role, province=None):
    args = [hoptac, "user", "add", name, "--role", role, "--db", db_url]
    if province:
        args += ["--province", province]
    subprocess.run(args, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    return token_of(name, PASSWORD)


def bounds(period):
    """First and last day of "2024", "2024S1", "2023M01-09"."""
    year = period[:4]
    if period.endswith("S1"):
        return f"{year}-01-01", f"{year}-06-30"
    if period.endswith("M01-09"):
        return f"{year}-01-01", f"{year}-09-30"
    return f"{year}-01-01", f"{year}-12-31"


def med(values):
    return statistics.median(values)


admin = Client(token_of("admin", admin_password))
national = Client(add_user("bench_nat", "national_officer"))

# The form's prefilled fields and their questions, as the form defines them.
_, form = admin.call("GET", "/api/v1/report-forms/province_development")
prefilled = [f for s in form["sections"] for f in s["fields"] if f.get("prefill")]

# 1. Prefill: the three largest provinces of today, every half, nine months and year of 2021–2025.
_, by_province = national.call("GET", "/api/v1/stats/entities?group_by=province&as_of=2025-12-31")
largest = [row["keys"]["province"] for row in sorted(by_province["rows"], key=lambda r: -r["value"])[:3]]
periods = [f"{y}{p}" for y in range(2021, 2026) for p in ("S1", "M01-09", "")]
prefill_ms, reference_ms = [], []
for province in largest:
    officer = Client(add_user(f"bench_po{province}", "province_officer", province))
    for period in periods:
        ms, report = officer.call("POST", "/api/v1/reports",
                                  {"form": "province_development", "period": period, "province": province})
        prefill_ms.append(ms)
        assert len(report["prefill"]) == len(prefilled), (len(report["prefill"]), len(prefilled))
        # The same numbers asked of the statistics, one call per field.
        start, end = bounds(period)
        total = 0.0
        for field in prefilled:
            p = field["prefill"]
            filters = "".join(f"&{k}={v}" for k, v in (p.get("filters") or {}).items())
            where = f"&province={province}&province_scheme=legacy"
            if p["source"] == "registry.events":
                q = f"/api/v1/stats/flows?event={p['measure']}&from={start}&to={end}{filters}{where}"
            else:
                q = f"/api/v1/stats/entities?measure={p['measure']}&as_of={end}{filters}{where}"
            ms_ref, _ = officer.call("GET", q)
            total += ms_ref
        reference_ms.append(total)

# 2. Completeness of coop_annual_update for 2025 over every entity, with reports in one province.
province = largest[0]
officer = province_admin = Client(add_user(f"bench_pa{province}", "province_admin", province))
ids, cursor = [], ""
while len(ids) < 600:
    _, page = officer.call("GET", f"/api/v1/entities?province={province}&kind=cooperative&limit=200"
                           + (f"&cursor={cursor}" if cursor else ""))
    ids += [item["id"] for item in page["items"]]
    if not page.get("next_cursor"):
        break
    cursor = page["next_cursor"]
created = 0
for entity in ids[:600]:
    ms, report = officer.call("POST", "/api/v1/reports", {"form": "coop_annual_update", "period": "2025",
                                                          "entity_id": entity}, expect=(201, 409))
    created += 1
completeness_ms, expected_ms = [], []
answer = None
for _ in range(11):
    ms, answer = national.call("GET", "/api/v1/reports/completeness?form=coop_annual_update&period=2025")
    completeness_ms.append(ms)
    ms, _ = national.call("GET", "/api/v1/stats/entities?group_by=province&status=active,suspended,stopped"
                                 "&as_of=2025-12-31")
    expected_ms.append(ms)

# 3. The national table of province_development for 2025S2 with a report from every province.
_, provinces = national.call("GET", "/api/v1/admin-units?level=province&as_of=2025-12-31")
for unit in provinces["items"]:
    code = unit["code"]
    officer = Client(add_user(f"bench_table{code}", "province_officer", code))
    officer.call("POST", "/api/v1/reports", {"form": "province_development", "period": "2025S2", "province": code})
table_ms, table_xlsx_ms = [], []
table = None
for _ in range(11):
    ms, table = national.call("GET", "/api/v1/reports/table?form=province_development&period=2025S2")
    table_ms.append(ms)
    ms, _ = national.call("GET", "/api/v1/reports/table?form=province_development&period=2025S2&format=xlsx")
    table_xlsx_ms.append(ms)
assert table["reported"] == len(provinces["items"]), table["reported"]

# 4. One report as on paper, exported and imported back.
officer = province_admin
_, one = national.call("GET", "/api/v1/reports?form=coop_annual_update&period=2025&limit=1")
report_id = one["items"][0]["id"]
export_ms, import_ms, get_ms = [], [], []
for _ in range(11):
    t0 = time.perf_counter()
    officer.conn.request("GET", f"/api/v1/reports/{report_id}/export",
                         headers={"Authorization": "Bearer " + officer.token})
    r = officer.conn.getresponse()
    file = r.read()
    export_ms.append((time.perf_counter() - t0) * 1000)
    assert r.status == 200, r.status
    t0 = time.perf_counter()
    officer.conn.request("POST", f"/api/v1/reports/{report_id}/import", file,
                         {"Authorization": "Bearer " + officer.token,
                          "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    r = officer.conn.getresponse()
    body = r.read()
    import_ms.append((time.perf_counter() - t0) * 1000)
    assert r.status == 200, (r.status, body[:300])
    get_ms.append(officer.call("GET", f"/api/v1/reports/{report_id}")[0])

# 5. Lists over one report per entity: 2024's annual updates written straight into the database
# (as a year of the national deployment would hold them), a third of them submitted.
listed = 0
if db_url.startswith("sqlite:"):
    db = sqlite3.connect(db_url[len("sqlite:"):], timeout=60)
    rows = db.execute("SELECT id, current_province_code FROM entities").fetchall()
    now = int(time.time() * 1000)
    db.executemany(
        "INSERT INTO reports (form_code, form_version, period, period_end, province_code, entity_id, status, "
        "due_date, created_at_ms, created_by, updated_at_ms) VALUES ('coop_annual_update', 1, '2024', "
        "'2024-12-31', ?, ?, ?, '2024-12-15', ?, 'bench', ?)",
        [(code, entity, "submitted" if entity % 3 == 0 else "draft", now, now) for entity, code in rows])
    db.commit()
    db.close()
    listed = len(rows)
list_first, list_deep, list_province, list_ref = [], [], [], []
if listed:
    for _ in range(11):
        list_first.append(national.call("GET", "/api/v1/reports?form=coop_annual_update&period=2024&limit=50")[0])
        ms, deep = national.call("GET", f"/api/v1/reports?form=coop_annual_update&period=2024&limit=50"
                                        f"&offset={listed // 2}")
        list_deep.append(ms)
        ms, mine = officer.call("GET", "/api/v1/reports?form=coop_annual_update&period=2024&status=submitted"
                                       "&limit=50")
        list_province.append(ms)
        list_ref.append(national.call("GET", "/api/v1/stats/entities?group_by=province")[0])
    assert deep["total"] == listed, (deep["total"], listed)

# 6. A programme of 20 targets, its progress computed when read (issue 16).
programme = national.call("POST", "/api/v1/programmes", {
    "code": "BENCH-QD01", "title": "Kế hoạch thực hiện Quyết định 01/QĐ-TTg (bench)", "kind": "plan",
    "from": "2023-01-03", "to": "2030-12-31",
    "contents": [{"number": n, "text": f"Nội dung {n}"} for n in range(1, 5)]})[1]
targets = []
entity_filters = [{"kind": "cooperative"}, {"kind": "cooperative", "women_managed": True},
                  {"kind": "cooperative", "youth": True}, {"women_managed": True, "status": "active"},
                  {"kind": "cooperative", "founded_from": "2023-01-01", "founded_to": "2030-12-31"},
                  {"kind": "group"}, {"kind": "union"}, {"kind": "credit_fund"}]
for i, filters in enumerate(entity_filters):
    targets.append({"title": f"Đếm {i}", "deadline": "2030-12-31", "target": 1000 * (i + 1),
                    "provinces": largest if i % 2 else [], "measure": {"source": "entities", "filters": filters}})
for i, measure in enumerate(["members_total", "members_female", "workers_female", "members_youth"]):
    targets.append({"title": f"Số liệu {measure}", "deadline": "2025-12-31", "target": 10 ** 6,
                    "measure": {"source": "figures", "measure": measure, "filters": {"kind": "cooperative"}}})
for i, kind in enumerate(["cooperative", "group", "union", "credit_fund", "cooperative", "group"]):
    targets.append({"title": f"Thành lập mới {kind} mỗi năm", "deadline": "2030-12-31", "cadence": "yearly",
                    "target": 100, "provinces": largest if i >= 4 else [],
                    "measure": {"source": "registry.events", "measure": "established", "filters": {"kind": kind}}})
for i in range(2):
    targets.append({"title": f"Nhập tay {i}", "deadline": "2030-12-31", "target": 50,
                    "measure": {"source": "manual"}})
for n, t in enumerate(targets):
    t["content"] = n % 4 + 1
    national.call("POST", f"/api/v1/programmes/{programme['id']}/targets", t)
programme_ms = []
for _ in range(21):
    ms, full = national.call("GET", f"/api/v1/programmes/{programme['id']}")
    programme_ms.append(ms)
assert len(full["targets"]) == 20 and full["target_states"]["unknown"] == 0, full["target_states"]
# The same numbers through the statistics API, one call per window and province.
today = full["targets"][0]["progress"]["as_of"]
questions = 0
programme_ref = []
for _ in range(5):
    t0 = time.perf_counter()
    questions = 0
    for t in full["targets"]:
        m = t["measure"]
        provinces = t["provinces"] or [""]
        windows = t["progress"].get("years") or [{"from": "2023-01-03", "to": t["deadline"]}]
        for w in windows:
            if w["from"] > today or m["source"] == "manual":
                continue
            to = min(w["to"], today)
            for p in provinces:
                q = "&".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in m["filters"].items())
                where = f"&province={p}&province_scheme=legacy" if p else ""
                if m["indicator"] == "registry.events":
                    national.call("GET", f"/api/v1/stats/flows?event=established&from={w['from']}&to={to}&{q}{where}")
                else:
                    national.call("GET", f"/api/v1/stats/entities?measure={m['measure']}&as_of={to}&{q}{where}")
                questions += 1
    programme_ref.append((time.perf_counter() - t0) * 1000)

# 7. A programme of 20 targets measured from activities (issue 16, items 4–5).
types = ["training", "dialogue", "conference", "trade_fair", "survey"]
act_programme = national.call("POST", "/api/v1/programmes", {
    "code": "BENCH-ACT", "title": "Chương trình đo bằng hoạt động (bench)", "kind": "plan",
    "from": "2023-01-01", "to": "2026-12-31",
    "contents": [{"number": n, "text": f"Nội dung {n}"} for n in range(1, 6)]})[1]
provinces = [row["keys"]["province"] for row in by_province["rows"]]
activity_count = 2000
for i in range(activity_count):
    year, day = 2023 + i % 4, 1 + (i * 7) % 300
    start = time.strftime("%Y-%m-%d", time.strptime(f"{year} {day}", "%Y %j"))
    if start > time.strftime("%Y-%m-%d"):
        start = f"{year - 1}{start[4:]}"
    national.call("POST", "/api/v1/activities", {
        "type": types[i % len(types)], "title": f"Hoạt động {i}", "from": start,
        "province": provinces[i % len(provinces)],
        "programmes": [{"programme": act_programme["id"], "contents": [i % 5 + 1]}] if i % 2 else [],
        "participants": {"total": 20 + i % 50, "female": 10 + i % 10, "youth": i % 20}})
act_targets = []
for i, kind in enumerate(types):
    act_targets.append({"content": i + 1, "title": f"{kind} mỗi năm", "deadline": "2026-12-31", "cadence": "yearly",
                        "target": 50, "measure": {"source": "activities", "filters": {"type": kind}}})
    act_targets.append({"content": i + 1, "title": f"{kind} của chương trình", "deadline": "2026-12-31",
                        "target": 200, "measure": {"source": "activities", "filters": {
                            "type": kind, "programme": str(act_programme["id"])}}})
    act_targets.append({"content": i + 1, "title": f"Nữ tham gia {kind}", "deadline": "2026-12-31", "target": 10000,
                        "measure": {"source": "activities", "measure": "female", "filters": {"type": kind}}})
    act_targets.append({"content": i + 1, "title": f"{kind} ở 3 tỉnh lớn mỗi năm", "deadline": "2026-12-31",
                        "cadence": "yearly", "target": 5, "provinces": largest,
                        "measure": {"source": "activities", "filters": {"type": kind}}})
for t in act_targets:
    national.call("POST", f"/api/v1/programmes/{act_programme['id']}/targets", t)
act_ms = []
for _ in range(21):
    ms, act_full = national.call("GET", f"/api/v1/programmes/{act_programme['id']}")
    act_ms.append(ms)
assert len(act_full["targets"]) == 20 and act_full["target_states"]["unknown"] == 0, act_full["target_states"]
# The same numbers asked of the SQLite file: one SELECT per window and province.
act_ref, act_questions = [], 0
if db_url.startswith("sqlite:"):
    db = sqlite3.connect(db_url[len("sqlite:"):], timeout=60)
    for _ in range(5):
        t0 = time.perf_counter()
        act_questions = 0
        for t in act_full["targets"]:
            f = t["measure"]["filters"]
            column = {"count": "1", "female": "participants_female"}[t["measure"]["measure"]]
            windows = t["progress"].get("years") or [{"from": "2023-01-01", "to": t["deadline"]}]
            for w in windows:
                if w["from"] > today:
                    continue
                for p in t["provinces"] or [""]:
                    sql = (f"SELECT COALESCE(SUM({column}), 0) FROM activities a WHERE status = 'held' "
                           "AND from_date BETWEEN ? AND ? AND type = ?")
                    args = [w["from"], min(w["to"], today), f["type"]]
                    if p:
                        sql += " AND current_province_code = ?"
                        args.append(p)
                    if "programme" in f:
                        sql += (" AND EXISTS (SELECT 1 FROM activity_programmes x WHERE x.activity_id = a.id "
                                "AND x.programme_id = ?)")
                        args.append(int(f["programme"]))
                    db.execute(sql, args).fetchone()
                    act_questions += 1
        act_ref.append((time.perf_counter() - t0) * 1000)
    db.close()

idle = [national.call("GET", "/healthz")[0] for _ in range(200)]

print(f"- prefill of province_development ({len(prefilled)} fields) for provinces {', '.join(largest)} × "
      f"{len(periods)} periods ({len(prefill_ms)} reports): median **{med(prefill_ms):.1f} ms** per POST "
      f"(p90 {sorted(prefill_ms)[int(len(prefill_ms) * 0.9)]:.1f} ms); the same numbers through "
      f"{len(prefilled)} statistics calls: median {med(reference_ms):.1f} ms in all; ratio "
      f"{med(prefill_ms) / med(reference_ms):.2f}")
print(f"- completeness of coop_annual_update 2025 over {answer['expected']:,} expected entities "
      f"({len(answer['rows'])} provinces; {created} reports created in {province}): median "
      f"**{med(completeness_ms):.1f} ms** (11 runs); the statistics call counting the expected entities by "
      f"province: {med(expected_ms):.1f} ms; ratio {med(completeness_ms) / med(expected_ms):.2f}")
print(f"- national table of province_development 2025S2, {table['reported']} of {table['expected']} provinces "
      f"reported, {len(table['columns'])} columns: median **{med(table_ms):.1f} ms** as JSON, "
      f"{med(table_xlsx_ms):.1f} ms as XLSX (11 runs each)")
print(f"- a report as on paper: export as XLSX median **{med(export_ms):.1f} ms**, import of that file back "
      f"(nothing to write) {med(import_ms):.1f} ms, against GET of the same report {med(get_ms):.1f} ms "
      f"(11 runs each)")
if listed:
    print(f"- lists over {listed:,} annual updates of 2024 (one per entity): a national page of 50 "
          f"**{med(list_first):.1f} ms** (first) and {med(list_deep):.1f} ms (offset {listed // 2:,}); a province "
          f"admin's submitted reports ({mine['total']:,}) {med(list_province):.1f} ms; the statistics call counting "
          f"the entities by province: {med(list_ref):.1f} ms (11 runs each)")
print(f"- a programme with 20 targets ({questions} questions to the indicators: 8 entity counts, 4 figures, 6 yearly "
      f"event counts, some over 3 provinces; 2 manual), every progress computed when read: GET median "
      f"**{med(programme_ms):.1f} ms** (21 runs); the same {questions} numbers through the statistics API one call "
      f"at a time: median {med(programme_ref):.1f} ms in all (5 runs); ratio {med(programme_ms) / med(programme_ref):.2f}")
if act_ref:
    print(f"- a programme with 20 targets measured from {activity_count:,} activities ({act_questions} questions: yearly "
          f"and whole-period counts and female participants by type, some over 3 provinces, some of this programme "
          f"only): GET median **{med(act_ms):.1f} ms** (21 runs); the same {act_questions} numbers as SELECTs on the "
          f"SQLite file in this script: median {med(act_ref):.1f} ms in all (5 runs); ratio "
          f"{med(act_ms) / med(act_ref):.2f}")
print(f"- idle round trip GET /healthz: median {med(idle):.2f} ms")
