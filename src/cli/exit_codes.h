// Exit codes of the rocta command, one per kind of failure, so scripts can branch on them.
#pragma once

#include "core/status.h"

namespace rocta::cli {

enum ExitCode {
  kExitOk = 0,
  kExitUsage = 2,          // bad command line or bad input data
  kExitNotFound = 3,
  kExitDenied = 4,         // not allowed, or not signed in
  kExitConflict = 5,       // already exists, or changed meanwhile
  kExitPrecondition = 6,   // e.g. a purpose is needed
  kExitUnavailable = 7,    // database busy or unreachable, port taken
  kExitAuditBroken = 8,    // `audit verify` found a broken chain
  kExitInternal = 70,
};

int exit_code_of(Code code);
// Prints "rocta: <message>" to standard error; returns the exit code for the status.
int fail(const Status& s);

}  // namespace rocta::cli
