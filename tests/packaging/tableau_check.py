#!/usr/bin/env python3
"""Checks the Tableau connector and the .tdc.

1. Every connector file validates against the Tableau connector SDK's XSD
   (vendored in tableau-xsd/, MIT licence there) with xmllint.
2. Structure: one class throughout, superclass odbc, the files the manifest
   names are in the .taco, every field the dialog has is a required attribute
   of the resolver and every vendor field reaches connectionBuilder.js.
3. The .tdc carries exactly the manifest's CAP_ list, class genericodbc.
4. Every CAP_ value and every dialect format is backed: by a statement of the
   SQL corpus in the shape Tableau writes, by the driver's SQLGetInfo answer
   (driver/info.cpp), or, for a 'no', by the corpus lacking the shape. An
   unknown CAP_ fails: add evidence before claiming.

    tableau_check.py XSD_DIR CONNECTOR_DIR TACO TDC CORPUS_STATEMENTS INFO_CPP
"""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

xsd_dir, conn_dir, taco, tdc, corpus_path, info_cpp = sys.argv[1:7]
failures = []


def fail(message):
    failures.append(message)


def corpus(regex):
    return ("corpus", re.compile(regex, re.I))


def absent(regex):
    return ("absent", re.compile(regex, re.I))


def driver(regex):
    return ("driver", re.compile(regex))


def caps(*names):
    return ("caps", names)


# CAP_=value -> evidence (Tableau's statement shapes, or the driver's answer).
CAP_EVIDENCE = {
    "CAP_CREATE_TEMP_TABLES=no": [absent(r"\bcreate\s+(temp|temporary)\s+table\b")],
    "CAP_SELECT_INTO=no": [absent(r"^\s*select\b[^;]*\binto\b")],
    "CAP_SELECT_TOP_INTO=no": [absent(r"^\s*select\s+top\s+\d+\b[^;]*\binto\b")],
    "CAP_SUPPRESS_DISCOVERY_QUERIES=yes": [caps("CAP_QUERY_SUBQUERIES", "CAP_QUERY_TOP_N", "CAP_QUERY_GROUP_BY_DEGREE",
                                                "CAP_QUERY_GROUP_BY_ALIAS", "CAP_SELECT_INTO", "CAP_CREATE_TEMP_TABLES")],
    "CAP_ODBC_CURSOR_FORWARD_ONLY=yes": [driver(r"case SQL_SCROLL_OPTIONS: return U32\(SQL_SO_FORWARD_ONLY\)")],
    "CAP_ODBC_TRANSACTIONS_SUPPRESS_EXPLICIT_COMMIT=yes": [driver(r"case SQL_TXN_CAPABLE: return U16\(SQL_TC_NONE\)")],
    "CAP_QUERY_SUBQUERIES=yes": [corpus(r'\bfrom \(select .+\) "t0"')],
    "CAP_QUERY_SUBQUERIES_WITH_TOP=yes": [corpus(r'\(select .+ limit \d+\) "t0"')],
    "CAP_QUERY_TOP_N=yes": [corpus(r"\border by 2 desc limit \d+")],
    "CAP_QUERY_TOPSTYLE_LIMIT=yes": [corpus(r"\blimit \d+\s*$")],
    "CAP_QUERY_TOP_0_METADATA=yes": [corpus(r"\blimit 0\s*$")],
    "CAP_QUERY_WHERE_FALSE_METADATA=yes": [corpus(r"\bwhere \(?1\s*=\s*0\)?\s*$")],
    "CAP_QUERY_GROUP_BY_DEGREE=yes": [corpus(r"\bgroup by 1\s*\)?\s*$")],
    "CAP_QUERY_GROUP_BY_ALIAS=yes": [corpus(r'\bas "([a-z_]+)".*\bgroup by "\1"\s*$')],
    "CAP_QUERY_SORT_BY_DEGREE=yes": [corpus(r"\border by 2 desc\b")],
    "CAP_QUERY_HAVING_REQUIRES_GROUP_BY=no": [corpus(r"^(?!.*\bgroup by\b).*\bhaving \(count\(1\) > 0\)")],
    "CAP_QUERY_SUPPORT_EMPTY_GROUPBY=yes": [corpus(r'^select sum\(.+\) as "[^"]+" from (?!.*\bgroup by\b)')],
    "CAP_QUERY_BOOLEXPR_TO_INTEXPR=no": [corpus(r"^select '[^']*' like '[^']*' escape")],
    "CAP_SUPPORTS_UNION=yes": [corpus(r"\bunion all\b")],
}

# Dialect formats -> the corpus statements that show the driver reads them.
DIALECT_EVIDENCE = {
    "Top=LIMIT %1": [corpus(r"\blimit \d+\s*$"), corpus(r'\(select .+ limit \d+\) "t0"')],
    "format-true=TRUE/TRUE": [corpus(r"^select null, true, false$"), corpus(r"= true\b")],
    "format-false=FALSE/FALSE": [corpus(r"^select null, true, false$"), corpus(r"\bwhere false$")],
    "format-date-literal={d '%1'} yyyy-MM-dd": [corpus(r"\{d '\d{4}-\d{2}-\d{2}'\}")],
    "format-datetime-literal={ts '%1'} yyyy-MM-dd HH:mm:ss.SSS": [corpus(r"\{ts '\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}'\}")],
}

statements = [s for s in open(corpus_path, encoding="utf-8").read().split("\n") if s]
if len(statements) < 100:
    fail(f"only {len(statements)} corpus statements in {corpus_path}")
driver_source = open(info_cpp, encoding="utf-8").read()


def check_evidence(claim, evidence, declared):
    for kind, what in evidence:
        if kind == "corpus":
            hit = next((s for s in statements if what.search(s)), None)
            if hit is None:
                fail(f"{claim}: no corpus statement has the shape /{what.pattern}/")
            else:
                print(f"{claim}: {hit[:100]}")
        elif kind == "absent":
            hit = next((s for s in statements if what.search(s)), None)
            if hit is not None:
                fail(f"{claim}: the corpus has /{what.pattern}/ ({hit[:80]}): turn the capability on")
        elif kind == "driver":
            if not what.search(driver_source):
                fail(f"{claim}: driver/info.cpp does not answer /{what.pattern}/")
        elif kind == "caps":
            for name in what:
                if name not in declared:
                    fail(f"{claim}: discovery is suppressed, so {name} must be declared")


# 1. XSD validation.
schemas = {"manifest.xml": "connector_plugin_manifest_latest.xsd", "connectionFields.xml": "connection_fields.xsd",
           "connectionMetadata.xml": "connector_plugin_metadata.xsd", "connectionResolver.tdr": "tdr_latest.xsd",
           "dialect.tdd": "tdd_latest.xsd"}
for name, schema in schemas.items():
    r = subprocess.run(["xmllint", "--noout", "--schema", f"{xsd_dir}/{schema}", f"{conn_dir}/{name}"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"{name} does not validate against {schema}: {r.stderr.strip()}")

# 2. Structure.
manifest = ET.parse(f"{conn_dir}/manifest.xml").getroot()
klass = manifest.get("class")
if manifest.get("superclass") != "odbc":
    fail(f"manifest superclass is {manifest.get('superclass')}, not odbc")
if manifest.find("connection-customization").get("class") != klass:
    fail("connection-customization class differs from the plugin class")
tdr = ET.parse(f"{conn_dir}/connectionResolver.tdr").getroot()
dialect = ET.parse(f"{conn_dir}/dialect.tdd").getroot()
for what, root in (("tdr", tdr), ("dialect", dialect)):
    if root.get("class") != klass:
        fail(f"{what} class {root.get('class')} is not the plugin class {klass}")
with zipfile.ZipFile(taco) as z:
    members = set(z.namelist())
named = [e.get("file") for e in manifest if e.get("file")]
for name in ["manifest.xml"] + named + ["connectionBuilder.js"]:
    if name not in members:
        fail(f"{taco} lacks {name}")
fields = [f.get("name") for f in ET.parse(f"{conn_dir}/connectionFields.xml").getroot().findall("field")]
required = {a.text for a in tdr.iter("attr")}
builder = open(f"{conn_dir}/connectionBuilder.js", encoding="utf-8").read()
for field in fields:
    if field not in required:
        fail(f"dialog field {field} is not a required attribute of connectionResolver.tdr")
    if field.startswith("v-") and f'"{field}"' not in builder:
        fail(f"vendor field {field} does not reach connectionBuilder.js")
driver_match = [d.text for d in tdr.iter("driver-name")]
if not any(re.search(p, "Timebutler") for p in driver_match):
    fail(f"the driver resolver {driver_match} does not match the driver name Timebutler")

# 3. The .tdc.
declared = {c.get("name"): c.get("value") for c in manifest.iter("customization")}
tdc_root = ET.parse(tdc).getroot()
if tdc_root.tag != "connection-customization" or tdc_root.get("class") != "genericodbc":
    fail(f"{tdc} is not a genericodbc connection-customization")
tdc_caps = {c.get("name"): c.get("value") for c in tdc_root.iter("customization")}
if tdc_caps != declared:
    fail(f"{tdc} customizations differ from the manifest's: {sorted(set(tdc_caps.items()) ^ set(declared.items()))}")
if tdc_root.find("vendor").get("name") != "Timebutler":
    fail("the .tdc vendor is not the driver's SQL_DBMS_NAME Timebutler")

# 4. Evidence.
for name, value in declared.items():
    claim = f"{name}={value}"
    if claim not in CAP_EVIDENCE:
        fail(f"{claim}: no evidence is known for this capability; add corpus statements and map them here")
        continue
    check_evidence(claim, CAP_EVIDENCE[claim], declared)
fmt = dialect.find("sql-format")
claims = []
top = fmt.find("format-select/part[@name='Top']")
if top is not None:
    claims.append(f"Top={top.get('value')}")
for tag in ("format-true", "format-false"):
    e = fmt.find(tag)
    if e is not None:
        claims.append(f"{tag}={e.get('literal')}/{e.get('predicate')}")
for tag in ("format-date-literal", "format-datetime-literal"):
    e = fmt.find(tag)
    if e is not None:
        claims.append(f"{tag}={e.get('formula')} {e.get('format')}")
for claim in claims:
    if claim not in DIALECT_EVIDENCE:
        fail(f"dialect {claim}: no evidence is known for this format")
    else:
        check_evidence(f"dialect {claim}", DIALECT_EVIDENCE[claim], declared)

for f in failures:
    print("FAIL " + f)
print(f"{len(declared)} capabilities, {len(claims)} dialect formats, {len(members)} files in the .taco, "
      f"{len(failures)} failures")
sys.exit(1 if failures else 0)
