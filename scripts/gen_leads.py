#!/usr/bin/env python3
"""Generate a realistic, messy CRM lead export as CSV (Python 3 standard library only).

The same --seed always gives byte-identical output. The data is shaped so that the
starter program (fit and engagement scores, cold/warm/hot tiers, suppression) sorts
roughly 50-60% of leads cold, 25-35% warm and 10-20% hot as of 2026-11-27.

    scripts/gen_leads.py                      # 300 leads, seed 42, CSV on stdout
    scripts/gen_leads.py --count 1000000 --out /tmp/leads-1m.csv
    scripts/gen_leads.py --stats              # the tier mix the starter program gives
    scripts/gen_leads.py --outcomes           # adds a `deal_status` column: won, lost, open

Some leads have a postal address (`street`, `city`, `postal_code`, for direct mail) and
a `trial_started` date; those columns come from their own seeded stream too.

With --outcomes every other column is exactly what the same seed gives without it (the
outcomes come from a second seeded stream): `deal_status` is `closed_won`, `closed_lost`
or `open`, and a lead's chance to be won rises with its fields (stage, size, industry,
pricing visits, replies, seniority, recent activity) plus noise, so a program that reads
those fields well shows lift in `leadplay backtest` and one that does not shows none.
"""

import argparse
import bisect
import csv
import datetime
import math
import random
import re
import sys

AS_OF = datetime.date(2026, 11, 27)
HISTORY_DAYS = 548  # 18 months before AS_OF

COLUMNS = [
    "id", "first_name", "last_name", "email", "company", "job_title", "industry",
    "employees", "annual_revenue", "country", "lead_source", "stage", "email_opens",
    "pricing_visits", "form_fills", "last_activity", "replied", "unsubscribed",
    "bounced", "language",
]

FIRST_NAMES = [
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
    "David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica",
    "Thomas", "Sarah", "Carlos", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony",
    "Sandra", "Mark", "Ashley", "Priya", "Emily", "Oliver", "Sofia", "Lukas", "Amélie",
    "Hiroshi", "Yuki", "Arjun", "Chloe", "Liam", "Zoe", "Noah", "Isabella", "Mateo",
]
LAST_NAMES = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas",
    "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark",
    "Lewis", "Walker", "Patel", "Müller", "Schneider", "Dubois", "Tanaka", "Sato",
    "O'Brien", "Nguyen", "Kim", "Rossi", "Fischer", "Silva", "Cohen", "Murphy",
]
# Traditional Chinese names with the romanization used in e-mail addresses.
ZH_SURNAMES = [
    ("陳", "chen"), ("林", "lin"), ("黃", "huang"), ("張", "chang"), ("李", "li"),
    ("王", "wang"), ("吳", "wu"), ("劉", "liu"), ("蔡", "tsai"), ("楊", "yang"),
    ("許", "hsu"), ("鄭", "cheng"), ("謝", "hsieh"), ("郭", "kuo"), ("洪", "hung"),
]
ZH_GIVEN = [
    ("志明", "chihming"), ("淑芬", "shufen"), ("怡君", "yichun"), ("家豪", "chiahao"),
    ("雅婷", "yating"), ("冠宇", "kuanyu"), ("宗翰", "tsunghan"), ("佳穎", "chiaying"),
    ("俊傑", "chunchieh"), ("美玲", "meiling"), ("建宏", "chienhung"), ("詩涵", "shihhan"),
    ("承恩", "chengen"), ("欣怡", "hsinyi"), ("柏翰", "pohan"), ("心瑜", "hsinyu"),
]
COMPANY_HEADS = [
    "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Vandelay",
    "Blue Harbor", "Red Fern", "Silverline", "Brightpath", "Ironclad", "Cloudnine",
    "Summit", "Evergreen", "Pinnacle", "Quantum", "Lumen", "Atlas", "Nimbus", "Orbit",
    "Helix", "Cobalt", "Falcon", "Juniper", "Keystone", "Meridian", "Nova", "Polaris",
]
COMPANY_TAILS = [
    "Analytics", "Logistics", "Systems", "Labs", "Payments", "Health", "Retail",
    "Software", "Capital", "Robotics", "Foods", "Media", "Energy", "Commerce", "Cloud",
]
COMPANY_FORMS = ["Inc.", "LLC", "Ltd", "GmbH", "Corp.", "", "", ""]
ZH_COMPANIES = [
    ("台灣精密科技股份有限公司", "twprecision.com.tw"), ("鼎新數位", "dingxin.com.tw"),
    ("宏遠雲端服務", "hongyuan-cloud.tw"), ("星展物流", "starlogistics.com.tw"),
    ("永豐金融科技", "yongfeng-fintech.tw"), ("大同智慧製造", "datong-smart.com.tw"),
    ("光寶電商", "guangbao-shop.tw"), ("聯發軟體", "lianfa-soft.com.tw"),
    ("統一數據", "tongyi-data.tw"), ("新光健康", "xinguang-health.com.tw"),
    ("玉山支付", "yushan-pay.tw"), ("華碩雲端學院", "huashuo-academy.tw"),
]
SENIOR_TITLES = [
    "VP of Sales", "VP Marketing", "Head of Growth", "Head of Operations",
    "Director of IT", "Sales Director", "Chief Technology Officer", "Chief Revenue Officer",
    "Director, Procurement", "Head of E-commerce", "vp engineering",
]
ZH_SENIOR_TITLES = ["行銷總監 (Marketing Director)", "業務副總 (VP Sales)", "Head of IT", "技術長 Chief Technology Officer"]
OTHER_TITLES = [
    "Marketing Manager", "Software Engineer", "Sales Representative", "Account Executive",
    "Procurement Specialist", "Operations Manager", "Founder", "CEO", "Product Manager",
    "Data Analyst", "IT Manager", "Office Manager", "marketing manager", "Sales Rep ",
]
ZH_TITLES = ["行銷經理", "業務專員", "工程師", "採購主管", "總經理", "Marketing Manager", "Engineer"]
# (value as written, weight): the target industries appear in several spellings.
INDUSTRIES = [
    ("SaaS", 8), ("saas", 3), (" saas", 2), ("SAAS ", 1), ("FinTech", 5), ("fintech", 2),
    ("Fintech ", 1), ("ecommerce", 4), ("eCommerce", 2), ("E-commerce", 1),
    ("Manufacturing", 9), ("manufacturing", 2), ("Healthcare", 8), ("Retail", 7),
    ("Logistics", 6), ("Education", 6), ("Media", 5), ("Consulting", 5), ("Government", 3),
    ("Energy", 3), ("", 4),
]
# (country as written, language, weight)
COUNTRIES = [
    ("US", "en", 40), ("us", "en", 2), ("US ", "en", 1), ("GB", "en", 8), ("CA", "en", 6),
    ("TW", "zh-TW", 12), ("DE", "de", 6), ("FR", "fr", 4), ("JP", "ja", 5), ("AU", "en", 4),
    ("IN", "en", 5), ("SG", "en", 3), ("BR", "pt", 2), ("", "en", 2),
]
LEAD_SOURCES = [
    ("web", 20), ("Web", 4), ("webinar", 10), ("referral", 8), ("trade_show", 6),
    ("Trade Show", 2), ("paid_search", 12), ("outbound", 14), ("partner", 5),
    ("content_download", 9), ("", 3),
]
TOP_LEVEL_DOMAINS = [".com", ".io", ".co", ".com"]
TRUE_WORDS = ["true", "yes", "1", "Y", "TRUE", "Yes"]
FALSE_WORDS = ["false", "no", "0", "N", "FALSE", "No"]

# Interest level drives every engagement signal together, as it does in real funnels.
LEVELS = [("cold", 0.55), ("warm", 0.23), ("hot", 0.22)]
STAGES = {
    "cold": [("new", 50), ("contacted", 35), ("engaged", 10), ("", 5)],
    "warm": [("contacted", 25), ("engaged", 45), ("meeting_booked", 12), ("demo_requested", 4),
             ("new", 10), ("Engaged", 4)],
    "hot": [("engaged", 18), ("demo_requested", 36), ("meeting_booked", 20),
            ("proposal_sent", 15), ("customer", 5), ("Demo_Requested ", 3), ("negotiation", 5)],
}
# (email opens, pricing visits, form fills, days since last activity, reply probability)
SIGNALS = {
    "cold": ((0, 3), (0, 1), (0, 0), (30, HISTORY_DAYS), 0.03),
    "warm": ((2, 7), (0, 2), (0, 1), (3, 100), 0.30),
    "hot": ((3, 12), (1, 5), (1, 3), (0, 30), 0.55),
}


class Generator:
    """Rows from one seeded stream. Draws use `random()` directly (uniform ints and
    weighted picks by hand): `randint`/`choices` cost several times more per call, and
    a million rows make about thirty million draws."""

    def __init__(self, seed):
        self.random = random.Random(seed).random
        self.dates = [(AS_OF - datetime.timedelta(days=d)).isoformat() for d in range(HISTORY_DAYS + 1)]
        self.tables = {}
        self.domains = {}
        self.locals = {}

    def int_between(self, low, high):
        return low + int(self.random() * (high - low + 1))

    def choice(self, items):
        return items[int(self.random() * len(items))]

    def pick(self, name, pairs):
        """A weighted pick from (value, weight) pairs or (value, extra, weight) triples."""
        table = self.tables.get(name)
        if table is None:
            values = [p[:-1] if len(p) > 2 else p[0] for p in pairs]
            cum, total = [], 0
            for p in pairs:
                total += p[-1]
                cum.append(total)
            table = self.tables[name] = (values, cum, total)
        values, cum, total = table
        return values[bisect.bisect_right(cum, self.random() * total)]

    def maybe_blank(self, value, probability):
        return "" if self.random() < probability else value

    def bool_word(self, value, style):
        return (TRUE_WORDS if value else FALSE_WORDS)[style]

    def person(self, country):
        if country.strip() == "TW" and self.random() < 0.8:
            (last, last_latin), (first, first_latin) = self.choice(ZH_SURNAMES), self.choice(ZH_GIVEN)
            company, domain = self.choice(ZH_COMPANIES)
            return first, last, f"{first_latin}.{last_latin}@{domain}", company, "zh-TW"
        first, last = self.choice(FIRST_NAMES), self.choice(LAST_NAMES)
        head, tail, form = self.choice(COMPANY_HEADS), self.choice(COMPANY_TAILS), self.choice(COMPANY_FORMS)
        company = f"{head} {tail} {form}" if form else f"{head} {tail}"
        domain = self.domains.get((head, tail))
        if domain is None:
            domain = self.domains[(head, tail)] = re.sub(r"[^a-z0-9]", "", (head + tail).lower())
        local = self.locals.get((first, last))
        if local is None:
            ascii_name = f"{first}.{last}".lower().replace("é", "e").replace("ü", "u")
            local = self.locals[(first, last)] = re.sub(r"[^a-z0-9.]", "", ascii_name)
        top = self.choice(TOP_LEVEL_DOMAINS)
        return first, last, f"{local}@{domain}{top}", company, None

    def employees(self):
        bucket = self.random()
        if bucket < 0.35:
            return self.int_between(1, 50)
        if bucket < 0.62:
            return self.int_between(51, 300)
        if bucket < 0.80:
            return self.int_between(301, 999)
        if bucket < 0.95:
            return self.int_between(1000, 9999)
        return self.int_between(10000, 120000)

    def row(self, number):
        rand, between = self.random, self.int_between
        country, language = self.pick("country", COUNTRIES)
        first, last, email, company, zh = self.person(country)
        if zh:
            language = zh
        level = self.pick("level", LEVELS)
        opens, visits, forms, days, reply_p = SIGNALS[level]
        employees = self.employees()
        revenue = employees * between(60, 320) * 1000
        senior = rand() < (0.35 if level == "hot" else 0.22)
        if zh:
            title = self.choice(ZH_SENIOR_TITLES if senior else ZH_TITLES)
        else:
            title = self.choice(SENIOR_TITLES if senior else OTHER_TITLES)
        bool_style = int(rand() * len(TRUE_WORDS))
        activity_days = between(*days)
        return [
            f"L-{number:06d}",
            self.maybe_blank(first, 0.01),
            last,
            self.maybe_blank(email, 0.02),
            self.maybe_blank(company, 0.01),
            self.maybe_blank(title, 0.03),
            self.pick("industry", INDUSTRIES),
            self.maybe_blank(str(employees), 0.05),
            self.maybe_blank(str(revenue), 0.10),
            country,
            self.pick("source", LEAD_SOURCES),
            self.pick("stage-" + level, STAGES[level]),
            self.maybe_blank(str(between(*opens)), 0.03),
            self.maybe_blank(str(between(*visits)), 0.03),
            str(between(*forms)),
            self.maybe_blank(self.dates[min(activity_days, HISTORY_DAYS)], 0.03),
            self.maybe_blank(self.bool_word(rand() < reply_p, bool_style), 0.02),
            self.bool_word(rand() < 0.03, bool_style),
            self.bool_word(rand() < 0.03, bool_style),
            language,
        ]


# ---- postal addresses and trials, a second stream ----

# Optional columns, after the others: CRM exports carry a mailing address for some
# leads only (a postcard needs one), and a trial start date for those who tried it.
EXTRA_COLUMNS = ["street", "city", "postal_code", "trial_started"]
# (street, city, postal code) as each country writes them.
ADDRESSES = {
    "US": [("1455 Market St, Suite 600", "San Francisco, CA", "94103"),
           ("200 Clarendon St, Floor 12", "Boston, MA", "02116"),
           ("401 Congress Ave, Suite 1540", "Austin, TX", "78701"),
           ("1 World Trade Center, 85th Floor", "New York, NY", "10007")],
    "GB": [("10 Finsbury Square", "London", "EC2A 1AF"),
           ("3 Hardman Street", "Manchester", "M3 3HF")],
    "CA": [("100 King St W, Suite 5700", "Toronto, ON", "M5X 1C7")],
    "TW": [("信義路五段7號 12樓", "台北市信義區", "110"),
           ("中山路一段2號 8樓", "新竹縣竹北市", "302"),
           ("文心路二段201號 5樓", "台中市西屯區", "407")],
    "DE": [("Friedrichstraße 68", "Berlin", "10117")],
    "JP": [("丸の内2-7-2 JPタワー 15F", "東京都千代田区", "100-7015")],
    "AU": [("1 Martin Place, Level 20", "Sydney NSW", "2000")],
}
TRIAL_STAGES = ("engaged", "meeting_booked", "demo_requested", "proposal_sent", "negotiation",
                "customer")


class Extras:
    """Addresses and trial dates from their own seeded stream, so every other column is
    what the same seed gave before these columns existed."""

    def __init__(self, seed):
        self.random = random.Random(f"extras-{seed}").random

    def __call__(self, row):
        lead = dict(zip(COLUMNS, row))
        address_draw, which, trial_draw, days = (self.random() for _ in range(4))
        choices = ADDRESSES.get(lead["country"].strip().upper(), [])
        street, city, postal = ("", "", "")
        if choices and address_draw < 0.2:
            street, city, postal = choices[int(which * len(choices))]
        trial = ""
        if lead["stage"].strip().lower() in TRIAL_STAGES and lead["last_activity"] and trial_draw < 0.3:
            last = datetime.date.fromisoformat(lead["last_activity"])
            trial = (last - datetime.timedelta(days=int(days * 21))).isoformat()
        return row + [street, city, postal, trial]


# ---- outcomes, for --outcomes ----

OUTCOME_COLUMN = "deal_status"
ADVANCED_STAGES = ("demo_requested", "meeting_booked", "proposal_sent", "negotiation", "customer")
SENIOR_WORDS = re.compile(r"(?i)(chief|vp|head|director|總監|副總|技術長)")


def win_chance(lead):
    """The chance a decided lead is won, from its fields (a logistic model)."""
    norm = lambda s: s.strip().lower()
    x = -2.0
    if norm(lead["stage"]) in ADVANCED_STAGES:
        x += 1.3
    employees = as_number(lead["employees"])
    if employees is not None and employees >= 1000:
        x += 0.8
    if norm(lead["industry"]) in ("saas", "fintech", "ecommerce", "e-commerce"):
        x += 0.6
    visits = as_number(lead["pricing_visits"])
    if visits is not None:
        x += 0.2 * min(visits, 5)
    if as_bool(lead["replied"]):
        x += 0.7
    if SENIOR_WORDS.search(lead["job_title"]):
        x += 0.4
    if lead["last_activity"]:
        days = (AS_OF - datetime.date.fromisoformat(lead["last_activity"])).days
        if days > 90:
            x -= 0.8
    return 1 / (1 + math.exp(-x))


class Outcomes:
    """A second seeded stream, so the other columns stay those of the plain output."""

    def __init__(self, seed):
        self.random = random.Random(f"outcomes-{seed}").random

    def __call__(self, row):
        lead = dict(zip(COLUMNS, row))
        decided, draw = self.random() < 0.7, self.random()
        if not decided:
            return row + ["open"]
        return row + ["closed_won" if draw < win_chance(lead) else "closed_lost"]


# ---- the starter program, in plain Python, for --stats ----

def as_bool(text):
    word = text.strip().lower()
    if word in ("true", "yes", "y", "1"):
        return True
    if word in ("false", "no", "n", "0"):
        return False
    return None  # missing


def as_number(text):
    return float(text) if text.strip() else None


def tier_of(lead):
    """The starter program's fit, engagement, tier and suppression, with missing values
    treated as SQL-style unknowns (a rule fires only when its condition is true)."""
    norm = lambda s: s.strip().lower()
    employees = as_number(lead["employees"])
    fit = 0
    if employees is not None and employees >= 1000:
        fit += 20
    if norm(lead["industry"]) in ("saas", "fintech", "ecommerce"):
        fit += 15
    if lead["job_title"] and re.search(r"(?i)(chief|vp|head|director)", lead["job_title"]):
        fit += 10
    if lead["country"].strip() and norm(lead["country"]) not in ("us", "ca", "gb", "tw"):
        fit -= 10

    engagement = 0
    for column, points, cap in (("email_opens", 5, 25), ("pricing_visits", 10, 30), ("form_fills", 15, 30)):
        value = as_number(lead[column])
        if value is not None:
            engagement += min(points * value, cap)
    demo = norm(lead["stage"]) == "demo_requested"
    if demo:
        engagement += 30
    replied = as_bool(lead["replied"])
    if replied:
        engagement += 20
    if lead["last_activity"]:
        days = (AS_OF - datetime.date.fromisoformat(lead["last_activity"])).days
        if days > 90:
            engagement -= 20
    engagement = max(0, min(100, engagement))

    if (engagement >= 60 and fit >= 20) or demo:
        tier = "hot"
    elif engagement >= 25 or replied:
        tier = "warm"
    else:
        tier = "cold"
    suppressed = bool(as_bool(lead["unsubscribed"]) or as_bool(lead["bounced"]) or not lead["email"].strip())
    return tier, suppressed


def print_stats(rows, out):
    counts = {"cold": 0, "warm": 0, "hot": 0}
    unsuppressed = {"cold": 0, "warm": 0, "hot": 0}
    suppressed = 0
    for row in rows:
        tier, is_suppressed = tier_of(dict(zip(COLUMNS, row)))
        counts[tier] += 1
        if is_suppressed:
            suppressed += 1
        else:
            unsuppressed[tier] += 1
    total = sum(counts.values()) or 1
    live = sum(unsuppressed.values()) or 1
    out.write(f"leads: {total}  suppressed: {suppressed} ({100 * suppressed / total:.1f}%)\n")
    for tier in ("cold", "warm", "hot"):
        out.write(f"{tier:5} {counts[tier]:8d} {100 * counts[tier] / total:5.1f}%"
                  f"   unsuppressed {100 * unsuppressed[tier] / live:5.1f}%\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--count", type=int, default=300, help="number of leads (default 300)")
    parser.add_argument("--out", help="write the CSV here instead of stdout")
    parser.add_argument("--stats", action="store_true",
                        help="print the starter program's tier mix instead of the CSV")
    parser.add_argument("--outcomes", action="store_true",
                        help=f"add a `{OUTCOME_COLUMN}` column: closed_won, closed_lost or open")
    args = parser.parse_args()
    if args.count < 0:
        parser.error("--count must not be negative")

    generator = Generator(args.seed)
    rows = map(Extras(args.seed), (generator.row(n) for n in range(1, args.count + 1)))
    columns = COLUMNS + EXTRA_COLUMNS
    if args.outcomes:
        rows, columns = map(Outcomes(args.seed), rows), columns + [OUTCOME_COLUMN]
    if args.stats:
        print_stats(rows, sys.stdout)
        return
    out = open(args.out, "w", newline="", encoding="utf-8") if args.out else sys.stdout
    try:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    except BrokenPipeError:
        # `gen_leads.py | head` closed the pipe: not an error, stop quietly.
        sys.stdout = None
    finally:
        if args.out:
            out.close()


if __name__ == "__main__":
    main()
