// Syntax check of the Power BI connector with Microsoft's Power Query parser,
// and the .mez's members: every Extension.LoadString key is in resources.resx
// and every Extension.Contents file is in the zip.
//   node powerbi_parse.js CONNECTOR.pq RESOURCES.resx CONNECTOR.mez CMAKE
"use strict";
const fs = require("fs");
const { execFileSync } = require("child_process");
const PQP = require("@microsoft/powerquery-parser");

(async () => {
    const [pqPath, resxPath, mezPath, cmake] = process.argv.slice(2);
    const text = fs.readFileSync(pqPath, "utf8");
    const failures = [];

    const task = await PQP.TaskUtils.tryLexParse(PQP.DefaultSettings, text);
    if (!PQP.TaskUtils.isParseStageOk(task)) {
        const where = task.error && task.error.innerError && task.error.innerError.maybeFoundToken
            ? ` near line ${task.error.innerError.maybeFoundToken.token.positionStart.lineNumber + 1}` : "";
        failures.push(`${pqPath} does not parse${where}: ${task.error ? task.error.message : task.resultKind}`);
    }

    const resx = fs.readFileSync(resxPath, "utf8");
    const resources = new Set([...resx.matchAll(/<data name="([^"]+)"/g)].map(m => m[1]));
    for (const m of text.matchAll(/Extension\.LoadString\("([^"]+)"\)/g))
        if (!resources.has(m[1])) failures.push(`string resource ${m[1]} is not in ${resxPath}`);

    const members = new Set(execFileSync(cmake, ["-E", "tar", "tf", mezPath], { encoding: "utf8" })
        .split(/\r?\n/).filter(Boolean));
    for (const name of ["Timebutler.pq", "resources.resx"])
        if (!members.has(name)) failures.push(`${mezPath} lacks ${name}`);
    for (const m of text.matchAll(/Extension\.Contents\("([^"]+)"\)/g))
        if (!members.has(m[1])) failures.push(`${mezPath} lacks ${m[1]}, named by Extension.Contents`);
    for (const size of [16, 20, 24, 32, 40, 48, 64, 80]) {
        const name = `Timebutler${size}.png`;
        if (!members.has(name)) failures.push(`${mezPath} lacks the icon ${name}`);
    }
    if (fs.readFileSync(mezPath).subarray(0, 4).toString("latin1") !== "PK\x03\x04")
        failures.push(`${mezPath} is not a zip file`);

    for (const f of failures) console.log("FAIL " + f);
    console.log(`${members.size} members in the .mez, ${resources.size} string resources, ${failures.length} failures`);
    process.exit(failures.length ? 1 : 0);
})().catch(e => { console.log("FAIL " + (e.stack || e)); process.exit(1); });
