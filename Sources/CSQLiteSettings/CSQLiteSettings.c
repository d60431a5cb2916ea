#include <sqlite3.h>
#include "CSQLiteSettings.h"

int wagecase_sqlite_stop_counting_memory(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
