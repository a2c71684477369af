"""Writes the messy test files of crates/cohort/tests/data (run once; the
files are committed, the tests never run this). Simulated patients with a
higher hazard for high IL6/IL8, cirrhosis, Child-Pugh B and poor liver
function, then exported the way hospital systems do: BOM, CRLF, semicolons,
decimal commas, quoted comments with separators/quotes/line breaks, blank
lines, bad rows and missing values.

    python3 make_messy.py
"""
import math
import random

rng = random.Random(20240611)


def patient(i):
    il6 = math.exp(rng.gauss(2.0, 1.0))
    il8 = math.exp(rng.gauss(math.log(55), 0.8))
    alb = rng.gauss(37, 5)
    bili = math.exp(rng.gauss(math.log(15), 0.5))
    cirr = rng.random() < 0.8
    cpb = rng.random() < 0.12
    lp = (0.8 * (il6 > 6.53) + 0.3 * (il8 > 60.8) + 0.5 * cirr + 0.7 * cpb
          + 0.3 * (alb < 36) + 0.4 * (bili >= 17))
    t = rng.expovariate(0.04 * math.exp(lp))
    c = rng.uniform(2, 40)
    time, event = (t, 1) if t <= c else (c, 0)
    lt = rng.expovariate(0.03 * math.exp(0.9 * (il6 > 6.53) + 0.8 * (bili >= 17)))
    t2, e2 = (lt, 1) if lt <= time else (time, 0)
    return dict(id=i, time=time, event=event, il6=il6, il8=il8, alb=alb,
                bili=bili, cirr=cirr, cpb=cpb, t2=t2, e2=e2)


def comma(x, digits):
    return f"{x:.{digits}f}".replace(".", ",")


# File A: semicolons, BOM, CRLF, days, g/dL, mg/dL, dead/alive.
rows = []
for i in range(1, 161):
    p = patient(i)
    days = max(1, round(p["time"] * 30.4375))
    fields = [
        f"P{i:03d}",
        str(days),
        "dead" if p["event"] else "alive",
        comma(p["il6"], 2),
        comma(p["il8"], 1),
        comma(p["alb"] / 10, 1),
        comma(p["bili"] / 17.1, 2),
        "yes" if p["cirr"] else "no",
        "B" if p["cpb"] else "A",
        "",
    ]
    if i % 17 == 0:
        fields[9] = '"seen; twice\r\nsee ""note"""'
    elif i % 11 == 0:
        fields[9] = '"ok, stable"'
    if i in (5, 40, 77):
        fields[4] = ""  # IL8 missing
    if i in (12, 90):
        fields[5] = "NA"  # albumin missing
    if i == 33:
        fields[6] = ""  # bilirubin missing
    if i in (21, 60):
        fields[7] = ""  # cirrhosis missing
    if i == 101:
        fields[8] = "NA"
    if i == 130:
        fields[1] = ""  # no follow-up: excluded from the analyses, not malformed
    # Malformed rows: excluded and listed.
    if i == 8:
        fields[3] = "abc"
    if i == 25:
        fields[1] = "-5"
    if i == 48:
        fields[2] = "unknown"
    if i == 66:
        fields[4] = "1.234,5"
    if i == 99:
        fields[3] = "<1,5"
    if i == 115:
        fields = fields[:8]  # a field short
    rows.append(";".join(fields))
    if i in (50, 120):
        rows.append("")
header = "Patient ID;OS (days);Status;IL-6 (pg/mL);IL-8 (pg/mL);Albumin (g/dL);Bilirubin (mg/dL);Cirrhosis;Child-Pugh;Comment"
with open("messy_semicolon_days.csv", "w", newline="", encoding="utf-8") as f:
    f.write("\ufeff" + header + "\r\n" + "\r\n".join(rows) + "\r\n\r\n")

# File B: commas, LF, months, canonical names, quoted decimal commas,
# a second endpoint, no Child-Pugh column.
rows = []
for i in range(1, 141):
    p = patient(i)
    il6 = f"{p['il6']:.2f}"
    if i % 9 == 0:
        il6 = '"' + comma(p["il6"], 2) + '"'
    fields = [
        str(i),
        f"{p['time']:.2f}",
        str(p["event"]),
        il6,
        f"{p['il8']:.1f}",
        f"{p['alb']:.0f}",
        f"{p['bili']:.1f}",
        "1" if p["cirr"] else "0",
        f"{min(p['t2'], p['time']):.2f}",
        str(p["e2"]),
    ]
    if i in (3, 70):
        fields[3] = ""  # IL6 missing
    if i in (15, 16):
        fields[4] = "N/A"
    if i == 44:
        fields[8] = ""
        fields[9] = ""  # second endpoint missing
    if i == 10:
        fields[3] = "7,25"  # unquoted decimal comma: one field too many
    if i == 55:
        fields[2] = "yes"
    if i == 81:
        fields[5] = "0"
    if i == 120:
        fields[6] = "1e3"
    rows.append(",".join(fields))
header = "id,time_months,event,il6,il8,albumin_g_l,bilirubin_umol_l,cirrhosis,time2_months,event2"
with open("messy_comma_months.csv", "w", newline="", encoding="utf-8") as f:
    f.write(header + "\n" + "\n".join(rows) + "\n")
