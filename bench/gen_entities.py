#!/usr/bin/env python3
"""Writes a canonical entities CSV (registry/columns.h) of N rows for the import benchmark.

Realistic values: Vietnamese names with diacritics, province codes valid on the founding
date (the 63 old codes before 2025-07-01, the 34 new ones after), founding dates from
2004, most entities active and a minority stopped or dissolved (with status_since), about
a quarter women-managed. Deterministic for a given seed.

usage: gen_entities.py ROWS OUT.csv [SEED]
"""
import csv
import datetime
import json
import os
import random
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def provinces():
    old = []  # (code, valid_from)
    with open(os.path.join(ROOT, "data/vn-admin/provinces-history.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            # The units in force on 2025-06-30 (not Hà Tây); the data of the benchmark starts in
            # 2004, so a unit in force since before the records begin counts from then.
            if row["valid_to"] and row["valid_to"] < "2025-06-30":
                continue
            old.append((row["code"], datetime.date.fromisoformat(row["valid_from"] or "2004-01-01")))
    with open(os.path.join(ROOT, "data/vn-admin/units-2025.json"), encoding="utf-8") as f:
        new = [p["Code"] for p in json.load(f)]
    return old, new


KINDS = [("cooperative", "Hợp tác xã", 0.32), ("group", "Tổ hợp tác", 0.66), ("union", "Liên hiệp hợp tác xã", 0.005),
         ("credit_fund", "Quỹ tín dụng nhân dân", 0.015)]
SECTORS = ["agriculture"] * 12 + ["forestry", "fisheries", "fisheries", "salt", "industry_handicraft",
                                  "industry_handicraft", "construction", "trade_services", "trade_services",
                                  "transport", "environment", "housing", "other"]
ACTIVITIES = ["Nông nghiệp", "Dịch vụ nông nghiệp", "Chăn nuôi", "Thủy sản", "Rau an toàn", "Chè", "Cà phê",
              "Mây tre đan", "Vận tải", "Môi trường", "Dược liệu", "Lúa gạo", "Trái cây", "Gốm sứ", "Thêu ren"]
PLACES = ["Tân Lập", "Đồng Tâm", "Hòa Bình", "Phú Xuân", "Thanh Sơn", "An Phú", "Hưng Yên", "Đông Hưng", "Quảng Lợi",
          "Bình Minh", "Xuân Trường", "Nghĩa Đô", "Thượng Lâm", "Ea Kar", "Cầu Ngang", "Mỹ Xuyên", "Tiên Lữ",
          "Kim Sơn", "Yên Thế", "Hữu Lũng", "Đắk Mil", "Bảo Lâm", "Vĩnh Thạnh", "Long Điền"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = {"female": ["Thị", "Ngọc", "Thu", "Thanh"], "male": ["Văn", "Đức", "Minh", "Quang", "Hữu"]}
GIVEN = {"female": ["Lan", "Hương", "Hoa", "Mai", "Hằng", "Thảo", "Nga", "Yến", "Linh", "Trang"],
         "male": ["Hùng", "Dũng", "Nam", "Tuấn", "Sơn", "Thắng", "Long", "Hải", "Phúc", "Cường"]}
COLUMNS = ["registration_code", "kind", "name", "province_code", "commune_code", "address", "sector", "founded_on",
           "status", "status_since", "women_managed", "youth", "chair_name", "chair_sex", "chair_birth_year", "phone",
           "email", "union_registration_code"]


def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    old, new = provinces()
    reform = datetime.date(2025, 7, 1)
    start = datetime.date(2004, 1, 1)
    end = datetime.date(2026, 6, 30)
    span = (end - start).days
    kinds = [k for k, _, _ in KINDS]
    weights = [w for _, _, w in KINDS]
    labels = {k: label for k, label, _ in KINDS}
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(COLUMNS)
        for i in range(rows):
            kind = rng.choices(kinds, weights)[0]
            founded = start + datetime.timedelta(days=rng.randrange(span))
            if founded < reform:
                code, valid_from = rng.choice(old)
                if founded < valid_from:
                    founded = valid_from + datetime.timedelta(days=rng.randrange(365))
            else:
                code = rng.choice(new)
            status, since = "active", founded
            r = rng.random()
            if r < 0.10 or r > 0.95:
                status = "stopped" if r < 0.10 else "dissolved"
                since = founded + datetime.timedelta(days=rng.randrange(1, 3000))
                if since > end:
                    status, since = "active", founded
            women = rng.random() < 0.25
            sex = "female" if women or rng.random() < 0.1 else "male"
            chair = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[sex])} {rng.choice(GIVEN[sex])}"
            place = rng.choice(PLACES)
            name = f"{labels[kind]} {rng.choice(ACTIVITIES)} {place} {i % 997 + 1}"
            w.writerow([
                f"{kind[:2].upper()}-{code}-{i:07d}", kind, name, code, "", f"Thôn {rng.randrange(1, 20)}, xã {place}",
                rng.choice(SECTORS), founded.isoformat(), status, since.isoformat(), "true" if women else "false",
                "true" if rng.random() < 0.05 else "false", chair, sex, str(rng.randrange(1950, 2000)),
                f"09{rng.randrange(10**7, 10**8)}", f"htx{i}@example.vn" if rng.random() < 0.3 else "", ""
            ])


if __name__ == "__main__":
    main()
