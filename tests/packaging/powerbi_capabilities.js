// Every capability the Power BI connector claims (the fields of its
// SqlCapabilities and SQLGetInfo records, with their values) must be backed by
// statements of the SQL corpus in the shape Power BI folds it into: an
// unknown claim, or a claim whose shapes no corpus statement shows, fails.
//   node powerbi_capabilities.js CONNECTOR.pq CORPUS_STATEMENTS.txt
"use strict";
const fs = require("fs");
const PQP = require("@microsoft/powerquery-parser");

// Claim -> the statement shapes Power BI then generates. Each regular
// expression must match at least one corpus statement (case-insensitive).
const FULL_SQL92 = [
    ["CASE WHEN", /\bcase when\b/i],
    ["CAST to a type", /\bcast\(.+ as (integer|date|bigint|varchar)/i],
    ["COALESCE", /\bcoalesce\(/i],
    ["NULLIF", /\bnullif\(/i],
    ["left outer join", /\bleft outer join\b/i],
    ["full outer join", /\bfull outer join\b/i],
    ["IN subquery", /\bin \(select\b/i],
    ["EXISTS subquery", /\bexists \(select\b/i],
    ["UNION ALL", /\bunion all\b/i],
    ["null-safe join condition", /"[^"]+"\."[^"]+" is null and "[^"]+"\."[^"]+" is null/i],
];
const EVIDENCE = {
    "SqlCapabilities.LimitClauseKind=LimitClauseKind.LimitOffset": [
        ["LIMIT n at the end", /\blimit \d+\s*$/i],
        ["LIMIT n OFFSET m", /\blimit \d+ offset \d+\s*$/i],
        ["OFFSET m without LIMIT", /^(?!.*\blimit\b).*\boffset \d+\s*$/i],
    ],
    "SqlCapabilities.SupportsDerivedTable=true": [
        ["derived table named \"_\"", /\bfrom \(select .+\) "_"/i],
        ["derived tables nested", /\bfrom \(select .*\bfrom \(select .*\bfrom \(select /i],
    ],
    "SqlCapabilities.Sql92Conformance=SQL_SC_SQL92_FULL": FULL_SQL92,
    "SQLGetInfo.SQL_SQL_CONFORMANCE=SQL_SC_SQL92_FULL": FULL_SQL92,
    "SqlCapabilities.SupportsNumericLiterals=true": [["quoted column = number", /"[^"]+"\."[^"]+" = \d+/i]],
    "SqlCapabilities.SupportsStringLiterals=true": [["quoted column = 'text'", /"[^"]+"\."[^"]+" = '[^']*'/i]],
    "SqlCapabilities.SupportsOdbcDateLiterals=true": [["{d '...'}", /\{d '\d{4}-\d{2}-\d{2}'\}/i]],
    "SqlCapabilities.SupportsOdbcTimeLiterals=true": [["{t '...'}", /\{t '\d{2}:\d{2}:\d{2}'\}/i]],
    "SqlCapabilities.SupportsOdbcTimestampLiterals=true": [["{ts '...'}", /\{ts '\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}'\}/i]],
    "SqlCapabilities.StringLiteralEscapeCharacters={\"'\"}": [["'' inside a literal", /'[^']*''[^']*'/]],
    "SqlCapabilities.FractionalSecondsScale=3": [["{ts '... .fff'}", /\{ts '[^']*\.\d{3}'\}/i]],
};

// The fields of the section member `name = [ ... ];`, as "name.field=value"
// with the value's tokens joined.
function recordClaims(tokens, name) {
    for (let i = 0; i + 2 < tokens.length; ++i) {
        if (tokens[i].data !== name || tokens[i + 1].kind !== "Equal" || tokens[i + 2].kind !== "LeftBracket") continue;
        if (i > 0 && tokens[i - 1].kind !== "Semicolon") continue; // a section member, not a field using it
        const claims = [];
        let depth = 0, field = null, value = [];
        for (let j = i + 2; j < tokens.length; ++j) {
            const t = tokens[j];
            if (/^Left(Bracket|Brace|Parenthesis)$/.test(t.kind)) { if (depth++ === 0) continue; }
            if (/^Right(Bracket|Brace|Parenthesis)$/.test(t.kind)) {
                if (--depth === 0) { if (field) claims.push(`${name}.${field}=${value.join("")}`); return claims; }
            }
            if (depth === 1 && t.kind === "Comma") { claims.push(`${name}.${field}=${value.join("")}`); field = null; value = []; continue; }
            if (depth === 1 && field === null && t.kind === "Identifier") { field = t.data; continue; }
            if (depth === 1 && field !== null && value.length === 0 && t.kind === "Equal") continue;
            value.push(t.data);
        }
    }
    return null;
}

const [pqPath, corpusPath] = process.argv.slice(2);
const tokens = PQP.TaskUtils.tryLex(PQP.DefaultSettings, fs.readFileSync(pqPath, "utf8"));
if (!PQP.TaskUtils.isLexStageOk(tokens)) { console.log(`FAIL ${pqPath} does not lex`); process.exit(1); }
const list = tokens.lexerSnapshot.tokens;
const statements = fs.readFileSync(corpusPath, "utf8").split("\n").filter(Boolean);
const failures = [];
let shapes = 0;
if (statements.length < 100) failures.push(`only ${statements.length} corpus statements read from ${corpusPath}`);
for (const record of ["SqlCapabilities", "SQLGetInfo"]) {
    const claims = recordClaims(list, record);
    if (!claims) { failures.push(`${pqPath} has no section member ${record} = [...]`); continue; }
    for (const claim of claims) {
        const evidence = EVIDENCE[claim];
        if (!evidence) { failures.push(`${claim}: no corpus evidence is known for this claim; add corpus statements and map them here`); continue; }
        for (const [shape, re] of evidence) {
            const hit = statements.find(s => re.test(s));
            if (!hit) failures.push(`${claim}: no corpus statement shows ${shape} (${re})`);
            else { ++shapes; console.log(`${claim}: ${shape}: ${hit.slice(0, 110)}`); }
        }
    }
}
for (const f of failures) console.log("FAIL " + f);
console.log(`${shapes} shapes found in ${statements.length} corpus statements, ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
