/* Control ids of the DSN dialog (setup_dialog.rc). Also read by the dialog
   test under Wine (tests/packaging/windows/dialog_client.cpp), which fills
   the fields by sending messages to these controls. Plain C: windres reads it. */
#ifndef TB_SETUP_DIALOG_IDS_H
#define TB_SETUP_DIALOG_IDS_H

#define TB_IDD_DSN 100
#define TB_IDC_DSN 1001
#define TB_IDC_DESCRIPTION 1002
#define TB_IDC_SERVER 1003
#define TB_IDC_TOKEN 1004
#define TB_IDC_PERSONNEL_TOKEN 1005
#define TB_IDC_CACHE 1006
#define TB_IDC_CACHE_TTL 1007
#define TB_IDC_DEFAULT_YEARS 1008
#define TB_IDC_PROXY 1009
#define TB_IDC_TEST 1010
#define TB_IDC_TEST_RESULT 1011
/* The Source selector and the fields of GoodTime's login; the labels of the
   fields one source uses are hidden with them for the other. */
#define TB_IDC_SOURCE 1012
#define TB_IDC_UID 1013
#define TB_IDC_PWD 1014
#define TB_IDC_TOKEN_LABEL 1015
#define TB_IDC_PERSONNEL_TOKEN_LABEL 1016
#define TB_IDC_UID_LABEL 1017
#define TB_IDC_PWD_LABEL 1018

/* The dialog's title: the test finds the window by it. */
#define TB_DSN_DIALOG_TITLE "Timebutler ODBC Data Source"

#endif
