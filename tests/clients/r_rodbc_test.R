# RODBC (Debian's r-cran-rodbc) against the driver, through the DSN that
# r_test.sh registers and through a DSN-less connection string: catalog
# calls, values, R column classes, Unicode, errors, and a repeat connect that
# asks the service nothing (the token check is remembered in the file cache).
if (!requireNamespace("RODBC", quietly = TRUE)) {
  cat("SKIP: the R package RODBC is not installed (r-cran-rodbc)\n")
  quit(status = 77)
}
suppressPackageStartupMessages(library(RODBC))

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
requests <- function(action) {
  lines <- readLines(Sys.getenv("TB_SIM_LOG"), warn = FALSE)
  sum(grepl(paste0('"action":"', action, '"'), lines, fixed = TRUE))
}

run_checks <- function(ch, label) {
  p <- function(name) paste0(label, ": ", name)

  tables <- sqlTables(ch, schema = "timebutler")
  check(p("tables listed"), all(c("users", "absences", "worktime", "projects") %in% tables$TABLE_NAME),
        paste(tables$TABLE_NAME, collapse = ","))
  check(p("schema timebutler"), all(tables$TABLE_SCHEM == "timebutler"))
  remarks <- tables$REMARKS[tables$TABLE_NAME == "absences"]
  check(p("table remarks read"), length(remarks) == 1 && nchar(remarks) > 0)

  columns <- sqlColumns(ch, "worktime", schema = "timebutler")
  type_of <- function(name) columns$TYPE_NAME[columns$COLUMN_NAME == name]
  check(p("worktime columns"), all(c("worktime_id", "user_id", "date", "start_time", "working_seconds") %in%
                                     columns$COLUMN_NAME), paste(columns$COLUMN_NAME, collapse = ","))
  check(p("date is DATE"), identical(type_of("date"), "DATE"), type_of("date"))
  check(p("start_time is TIME"), identical(type_of("start_time"), "TIME"), type_of("start_time"))

  keys <- sqlPrimaryKeys(ch, "users", schema = "timebutler")
  check(p("users primary key"), identical(as.character(keys$COLUMN_NAME), "user_id"),
        paste(keys$COLUMN_NAME, collapse = ","))

  count <- sqlQuery(ch, "SELECT COUNT(*) AS n FROM users")
  check(p("count users"), is.data.frame(count) && count$n[1] == 25, paste(format(count), collapse = " "))

  user <- sqlQuery(ch, "SELECT user_id, last_name, first_name FROM users WHERE user_id = 1",
                   stringsAsFactors = FALSE)
  check(p("user 1 umlauts"), identical(user$last_name, "M\u00fcller") && identical(user$first_name, "J\u00fcrgen"),
        paste(user$last_name, user$first_name))
  check(p("umlauts are UTF-8"), Encoding(user$last_name) %in% c("UTF-8", "unknown") &&
          identical(utf8ToInt(enc2utf8(user$last_name)), utf8ToInt("M\u00fcller")))
  check(p("user_id integer"), is.integer(user$user_id), class(user$user_id))

  wt <- sqlQuery(ch, paste("SELECT worktime_id, user_id, date, start_time, working_seconds, year, month",
                           "FROM worktime WHERE year = 2024 AND month = 3 ORDER BY worktime_id"),
                 stringsAsFactors = FALSE)
  check(p("worktime rows"), is.data.frame(wt) && nrow(wt) > 0, paste(format(wt), collapse = " "))
  if (is.data.frame(wt) && nrow(wt) > 0) {
    check(p("date class Date"), inherits(wt$date, "Date"), class(wt$date))
    check(p("dates in March 2024"), all(format(wt$date, "%Y-%m") == "2024-03"))
    check(p("year and month integer"), is.integer(wt$year) && all(wt$year == 2024) && all(wt$month == 3))
    check(p("working_seconds numeric"), is.numeric(wt$working_seconds) && all(wt$working_seconds >= 0))
    check(p("start_time text hh:mm:ss"), all(is.na(wt$start_time) | grepl("^[0-9]{2}:[0-9]{2}:[0-9]{2}$",
                                                                        as.character(wt$start_time))),
          paste(head(wt$start_time), collapse = ","))
  }

  amounts <- sqlQuery(ch, "SELECT absence_id, workdays, half_day FROM absences WHERE year = 2024 ORDER BY absence_id")
  check(p("absences rows"), is.data.frame(amounts) && nrow(amounts) > 0)
  if (is.data.frame(amounts) && nrow(amounts) > 0)
    check(p("workdays numeric"), is.numeric(amounts$workdays), class(amounts$workdays))

  bad <- sqlQuery(ch, "SELECT * FROM absenses", errors = TRUE)
  check(p("unknown table error"), is.character(bad) && any(grepl("42S02.*absenses", bad)), paste(bad, collapse = " "))
  again <- sqlQuery(ch, "SELECT COUNT(*) AS n FROM users")
  check(p("usable after an error"), is.data.frame(again) && again$n[1] == 25)
}

dsn <- Sys.getenv("TB_DSN")
ch <- odbcConnect(dsn)
check("connect through the DSN", inherits(ch, "RODBC"), paste(ch))
if (inherits(ch, "RODBC")) {
  run_checks(ch, "DSN")
  odbcClose(ch)
  # The DSN's file cache remembers the token check: a second connect asks nothing.
  before <- length(readLines(Sys.getenv("TB_SIM_LOG"), warn = FALSE))
  ch <- odbcConnect(dsn)
  after <- length(readLines(Sys.getenv("TB_SIM_LOG"), warn = FALSE))
  check("repeat connect makes no request", inherits(ch, "RODBC") && after == before,
        paste(before, "->", after))
  if (inherits(ch, "RODBC")) odbcClose(ch)
}

ch <- odbcDriverConnect(Sys.getenv("TB_CONNECTION_STRING"))
check("connect DSN-less", inherits(ch, "RODBC"), paste(ch))
if (inherits(ch, "RODBC")) {
  run_checks(ch, "DSN-less")
  odbcClose(ch)
}

cat(passed, "passed,", failed, "failed\n")
quit(status = if (failed == 0L) 0L else 1L)
