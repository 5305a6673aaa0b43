// `hoptac backup FILE` and `hoptac restore FILE`: a copy of the whole database taken
// while the server runs, and the way back.
//
// SQLite: the backup is one self-contained SQLite file (storage::Db::BackupTo, the
// online backup API: one consistent snapshot, writers go on); the original files of
// imports kept beside the database (<data folder>/imports, registry/import/import_files.h)
// are copied into the folder FILE.files/ (content-addressed: a file already there is
// not copied again). Restore checks the file (integrity, a hoptac schema no newer than
// this binary), replaces the target database's contents (only with --replace when it
// already holds a hoptac database), applies the migrations, and copies the files back.
// PostgreSQL: both print the pg_dump / pg_restore command to use and exit 1.
#pragma once

#include "cli/command_line.h"

namespace hoptac::app {

extern const char* const kBackupHelp;

int BackupCommand(const cli::CommandLine& cli);
int RestoreCommand(const cli::CommandLine& cli);

}  // namespace hoptac::app
