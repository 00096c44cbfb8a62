#!/usr/bin/perl
# Perl DBI with DBD::ODBC (Debian's libdbd-odbc-perl): metadata calls,
# placeholders and UTF-8, as a Perl user meets the driver.
#   perl_dbi_test.pl CONNECTION_STRING...   (run by perl_dbi_test.sh)
use strict;
use warnings;
use utf8;
use DBI;

binmode STDOUT, ':encoding(UTF-8)';
my ($passed, $failed) = (0, 0);
sub check {
    my ($name, $ok, $detail) = @_;
    if ($ok) { $passed++ } else { $failed++; print "FAIL $name", (defined $detail ? ": $detail" : ''), "\n" }
}

for my $cs (@ARGV) {
    my $label = $cs =~ /^DSN=/ ? 'DSN' : 'DSN-less';
    # RaiseError: a warning or error that DBD::ODBC reports as failure dies here.
    # Debian builds DBD::ODBC without its unicode option: odbc_utf8_on makes
    # it read the driver's UTF-8 text as Perl characters (docs/clients/perl.md).
    my $dbh = DBI->connect("dbi:ODBC:$cs", undef, undef,
                           {RaiseError => 1, PrintError => 0, PrintWarn => 0, odbc_utf8_on => 1});
    check("$label connect", $dbh);

    # table_info: every table, REMARKS whole (described wide enough).
    my $tables = $dbh->table_info(undef, undef, '%', 'TABLE')->fetchall_arrayref({});
    my %remarks = map { $_->{TABLE_NAME} => $_->{REMARKS} } @$tables;
    check("$label table_info lists users, absences, worktime", exists $remarks{users} && exists $remarks{absences}
          && exists $remarks{worktime});
    check("$label schema is timebutler", (grep { ($_->{TABLE_SCHEM} // '') eq 'timebutler' } @$tables) == @$tables);
    my ($longest) = sort { length($b) <=> length($a) } grep { defined } values %remarks;
    check("$label longest REMARKS above 128 characters arrives whole", length($longest) > 128, length($longest));
    # Enumerations DBI documents: schemas and table types.
    my @schemas = map { $_->[1] } @{$dbh->table_info('', '%', '')->fetchall_arrayref};
    check("$label schema enumeration", "@schemas" eq 'timebutler', "@schemas");
    my @types = map { $_->[3] } @{$dbh->table_info('', '', '', '%')->fetchall_arrayref};
    check("$label table type enumeration", "@types" eq 'TABLE', "@types");

    # column_info: names in order, types.
    my $cols = $dbh->column_info(undef, undef, 'worktime', '%')->fetchall_arrayref({});
    my @names = map { $_->{COLUMN_NAME} } @$cols;
    check("$label column_info order", join(',', @names[0..3]) eq 'year,month,worktime_id,user_id', "@names");
    my %type = map { $_->{COLUMN_NAME} => $_->{TYPE_NAME} } @$cols;
    check("$label worktime_id BIGINT", $type{worktime_id} eq 'BIGINT', $type{worktime_id});
    check("$label start_time TIME", $type{start_time} eq 'TIME', $type{start_time});
    check("$label date DATE", $type{date} eq 'DATE', $type{date});

    # primary_key_info and foreign_key_info.
    my @pk = $dbh->primary_key('timebutler', 'timebutler', 'users');
    @pk = $dbh->primary_key(undef, undef, 'users') unless @pk;
    check("$label primary key of users", "@pk" eq 'user_id', "@pk");
    my $pki = $dbh->primary_key_info(undef, undef, 'worktime')->fetchall_arrayref({});
    check("$label primary_key_info worktime", @$pki == 1 && $pki->[0]{COLUMN_NAME} eq 'worktime_id');
    my $fk = $dbh->foreign_key_info(undef, undef, 'users', undef, undef, 'absences')->fetchall_arrayref({});
    my @fk = map { ($_->{PKTABLE_NAME} // $_->{UK_TABLE_NAME}) . '.' . ($_->{PKCOLUMN_NAME} // $_->{UK_COLUMN_NAME})
                   . '<-' . ($_->{FKTABLE_NAME} // $_->{FK_TABLE_NAME}) . '.'
                   . ($_->{FKCOLUMN_NAME} // $_->{FK_COLUMN_NAME}) } @$fk;
    check("$label foreign key absences.user_id -> users", (grep { $_ eq 'users.user_id<-absences.user_id' } @fk),
          "@fk");

    # Placeholders: a number and a Unicode string, values checked.
    my $rows = $dbh->selectall_arrayref(
        'SELECT year, absence_id, user_id FROM absences WHERE year = ? AND user_id = ?', undef, 2024, 1);
    check("$label placeholder rows", @$rows > 0, scalar @$rows);
    check("$label placeholder values", !(grep { $_->[0] != 2024 || $_->[2] != 1 } @$rows));
    my $weiss = $dbh->selectall_arrayref('SELECT user_id, last_name FROM users WHERE last_name = ?', undef, 'Weiß');
    check("$label UTF-8 placeholder", @$weiss >= 1 && $weiss->[0][1] eq 'Weiß',
          @$weiss ? $weiss->[0][1] : 'no row');

    # UTF-8 values read back as Perl characters.
    my ($last, $first) = $dbh->selectrow_array('SELECT last_name, first_name FROM users WHERE user_id = 1');
    check("$label umlauts", $last eq 'Müller' && $first eq 'Jürgen', "$last $first");
    check("$label umlaut is one character", length($last) == 6, length($last));
    my ($count) = $dbh->selectrow_array('SELECT COUNT(*) FROM users');
    check("$label count", $count == 5, $count);
    my ($start) = $dbh->selectrow_array(
        'SELECT start_time FROM worktime WHERE year = 2024 AND month = 3 AND start_time IS NOT NULL LIMIT 1');
    check("$label TIME text", defined $start && $start =~ /^\d\d:\d\d:\d\d$/, $start);

    # An error is an exception with the SQLSTATE and the connection lives on.
    eval { $dbh->do('SELECT * FROM nosuchtable') };
    check("$label error", $@ =~ /42S02/ && $@ !~ /client-test-token/, $@);
    check("$label usable after error", ($dbh->selectrow_array('SELECT COUNT(*) FROM users'))[0] == 5);
    $dbh->disconnect;
}
print "$passed passed, $failed failed\n";
exit($failed || !$passed ? 1 : 0);
