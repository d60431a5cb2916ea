#ifndef CSQLITESETTINGS_H
#define CSQLITESETTINGS_H

/// Turns off SQLite's count of the memory it holds. The count takes a process-wide mutex on every allocation and
/// free SQLite makes (a tenth of a clue intake's time); the program never reads it. Takes effect only before SQLite
/// is first used in the process: returns SQLITE_OK (0), or SQLITE_MISUSE (21) when it came too late.
/// (sqlite3_config takes variable arguments, which Swift cannot pass; hence this one C function.)
int wagecase_sqlite_stop_counting_memory(void);

#endif
