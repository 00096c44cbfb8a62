<?php
// PHP's odbc extension (Debian's php-cli and php-odbc): a query, column
// types, Unicode, an INSERT that raises no warning, as a PHP user meets the
// driver.   php_odbc_test.php CONNECTION_STRING...   (run by php_odbc_test.sh)
$passed = 0;
$failed = 0;
function check($name, $ok, $detail = '') {
    global $passed, $failed;
    if ($ok) { $passed++; } else { $failed++; echo "FAIL $name" . ($detail !== '' ? ": $detail" : '') . "\n"; }
}
// Every PHP warning or notice is a failure: a framework would throw on it.
$warnings = [];
set_error_handler(function ($no, $text) use (&$warnings) { $warnings[] = $text; return true; });

foreach (array_slice($argv, 1) as $i => $cs) {
    $label = str_starts_with($cs, 'DSN=') ? 'DSN' : 'DSN-less';
    $warnings = [];
    $c = odbc_connect($cs, '', '');
    check("$label connect", $c !== false, odbc_errormsg());

    // A query and its values.
    $r = odbc_exec($c, 'SELECT COUNT(*) AS n FROM users');
    odbc_fetch_row($r);
    check("$label count", odbc_result($r, 'n') == 5, odbc_result($r, 'n'));

    // Column types as PHP reports them.
    $r = odbc_exec($c, 'SELECT worktime_id, year, date, start_time, state, auto_stopped FROM worktime '
                       . 'WHERE year = 2024 AND month = 3 AND start_time IS NOT NULL LIMIT 5');
    $types = [];
    for ($f = 1; $f <= odbc_num_fields($r); $f++) $types[odbc_field_name($r, $f)] = odbc_field_type($r, $f);
    check("$label types", $types == ['worktime_id' => 'BIGINT', 'year' => 'INTEGER', 'date' => 'DATE',
                                     'start_time' => 'TIME', 'state' => 'WVARCHAR', 'auto_stopped' => 'BIT'],
          json_encode($types));
    $rows = 0;
    while ($row = odbc_fetch_array($r)) {
        $rows++;
        check("$label year value", $row['year'] === '2024', var_export($row['year'], true));
        check("$label date value", preg_match('/^2024-03-\d\d$/', $row['date']) === 1, $row['date']);
        check("$label time value", preg_match('/^\d\d:\d\d:\d\d$/', $row['start_time']) === 1, $row['start_time']);
        check("$label id value", ctype_digit($row['worktime_id']), $row['worktime_id']);
    }
    check("$label rows", $rows == 5, $rows);

    // Unicode both ways.
    $r = odbc_exec($c, 'SELECT last_name, first_name FROM users WHERE user_id = 1');
    $row = odbc_fetch_array($r);
    check("$label umlauts", $row['last_name'] === 'Müller' && $row['first_name'] === 'Jürgen', json_encode($row));
    $s = odbc_prepare($c, 'SELECT user_id, last_name FROM users WHERE last_name = ?');
    check("$label prepared", odbc_execute($s, ['Weiß']));
    $row = odbc_fetch_array($s);
    check("$label ß parameter", $row && $row['last_name'] === 'Weiß', json_encode($row));

    // An INSERT that fully succeeds: no warning, the row there, the id reachable.
    $name = "PHP Projekt Ü $i";
    $s = odbc_prepare($c, "INSERT INTO projects (name, state, budget_hours) VALUES (?, 'Active', 12)");
    check("$label insert", odbc_execute($s, [$name]), odbc_errormsg($c));
    check("$label insert row count", odbc_num_rows($s) == 1, odbc_num_rows($s));
    check("$label insert raises no warning", $warnings === [], json_encode($warnings));
    $r = odbc_exec($c, 'SELECT LAST_INSERT_ID() AS id');
    check("$label last insert id", $r !== false, odbc_errormsg($c));
    $id = $r !== false && odbc_fetch_row($r) ? odbc_result($r, 'id') : 'NULL';
    check("$label last insert id value", ctype_digit((string)$id), $id);
    $r = odbc_exec($c, "SELECT name, budget_hours FROM projects WHERE project_id = $id");
    $row = $r !== false ? odbc_fetch_array($r) : false;
    check("$label inserted row", $row && $row['name'] === $name && $row['budget_hours'] === '12', json_encode($row));

    // An error: false with the SQLSTATE, and the connection lives on.
    $warnings = [];
    $r = odbc_exec($c, 'SELECT * FROM nosuchtable');
    // PHP asks for ODBC 2 behaviour: the driver manager reports 42S02 as S0002.
    check("$label error", $r === false && in_array(odbc_error($c), ['42S02', 'S0002'], true), odbc_error($c));
    check("$label error message", str_contains(odbc_errormsg($c), 'nosuchtable') &&
          !str_contains(odbc_errormsg($c), 'client-test-token'), odbc_errormsg($c));
    $r = odbc_exec($c, 'SELECT COUNT(*) FROM users');
    check("$label usable after error", $r !== false);
    odbc_close($c);
}
echo "$passed passed, $failed failed\n";
exit($failed || !$passed ? 1 : 0);
