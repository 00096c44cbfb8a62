# DBI with the odbc backend against the driver, through the DSN that
# r_test.sh registers and through a DSN-less connection string: dbListTables,
# dbListFields, dbGetQuery with a parameter, R column classes and Unicode.
# Debian 12 packages DBI (r-cran-dbi) but not the odbc backend (r-cran-odbc is
# not in Debian); without it the test is skipped.
if (!requireNamespace("DBI", quietly = TRUE)) {
  cat("SKIP: the R package DBI is not installed (r-cran-dbi)\n")
  quit(status = 77)
}
if (!requireNamespace("odbc", quietly = TRUE)) {
  cat("SKIP: the R package odbc is not installed (Debian 12 has no r-cran-odbc)\n")
  quit(status = 77)
}

passed <- 0L
failed <- 0L
check <- function(name, ok, detail = "") {
  if (isTRUE(ok)) {
    passed <<- passed + 1L
  } else {
    failed <<- failed + 1L
    cat("FAIL", name, "\n")
    if (nzchar(detail)) cat("  ", detail, "\n")
  }
}

run_checks <- function(con, label) {
  p <- function(name) paste0(label, ": ", name)
  tables <- DBI::dbListTables(con, schema_name = "timebutler")
  check(p("tables listed"), all(c("users", "absences", "worktime", "projects") %in% tables))
  fields <- DBI::dbListFields(con, DBI::Id(schema = "timebutler", table = "worktime"))
  check(p("worktime fields"), all(c("worktime_id", "user_id", "date", "start_time") %in% fields))
  user <- DBI::dbGetQuery(con, "SELECT user_id, last_name, first_name FROM users WHERE user_id = ?",
                          params = list(1L))
  check(p("user 1 umlauts"), identical(user$last_name, "M\u00fcller") && identical(user$first_name, "J\u00fcrgen"))
  check(p("user_id integer"), is.integer(user$user_id) || inherits(user$user_id, "integer64"))
  wt <- DBI::dbGetQuery(con, "SELECT date, start_time, working_seconds FROM worktime WHERE year = 2024 AND month = 3")
  check(p("worktime rows"), nrow(wt) > 0)
  check(p("date class Date"), inherits(wt$date, "Date"), class(wt$date))
  check(p("dates in March 2024"), all(format(wt$date, "%Y-%m") == "2024-03"))
  check(p("working_seconds numeric"), is.numeric(wt$working_seconds) || inherits(wt$working_seconds, "integer64"))
  err <- tryCatch({ DBI::dbGetQuery(con, "SELECT * FROM absenses"); "" }, error = function(e) conditionMessage(e))
  check(p("unknown table error"), grepl("absenses", err), err)
}

con <- DBI::dbConnect(odbc::odbc(), dsn = Sys.getenv("TB_DSN"))
run_checks(con, "DSN")
DBI::dbDisconnect(con)
con <- DBI::dbConnect(odbc::odbc(), .connection_string = Sys.getenv("TB_CONNECTION_STRING"))
run_checks(con, "DSN-less")
DBI::dbDisconnect(con)

cat(passed, "passed,", failed, "failed\n")
quit(status = if (failed == 0L) 0L else 1L)
