// The adapters every test of the store conformance suite runs on (store_conformance.h).
#include "store/store_conformance.h"

namespace rocta::store_test {
namespace {

INSTANTIATE_TEST_SUITE_P(Adapters, StoreConformance,
                         ::testing::Values(Adapter{"sqlite", testing::scratch_sqlite, "PRAGMA user_version = 999",
                                                   "SELECT 1",
                                                   "SELECT group_concat(type || ' ' || name || ': ' || coalesce(sql, ''), char(10)) "
                                                   "FROM (SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN "
                                                   "('disruptions', 'disruption_counts', 'disruption_months') ORDER BY name)"},
                                           Adapter{"postgres", scratch_postgres_if_named,
                                                   "INSERT INTO schema_migrations(version) VALUES (999)",
                                                   "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                                   "WHERE datname = current_database() AND pid <> pg_backend_pid()",
                                                   "SELECT string_agg(d, E'\\n' ORDER BY d) FROM ("
                                                   "SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' AND tablename IN "
                                                   "('disruptions', 'disruption_counts', 'disruption_months') UNION ALL "
                                                   "SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || "
                                                   "' validated ' || convalidated::text FROM pg_constraint WHERE conrelid IN "
                                                   "('disruptions'::regclass, 'disruption_counts'::regclass, 'disruption_months'::regclass)) s"}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace rocta::store_test
