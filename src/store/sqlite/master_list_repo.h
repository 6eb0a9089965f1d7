// The SQLite master-list repository (nominations, assessments, MoRiLE models).
#pragma once

#include <memory>

#include "store/store.h"

namespace rocta::sqlite {

class Connection;
std::unique_ptr<MasterListRepository> make_master_list_repository(Connection& db);

}  // namespace rocta::sqlite
