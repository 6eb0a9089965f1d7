#include "cli/place_commands.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/places.h"
#include "cli/exit_codes.h"

namespace rocta::cli {

PlaceCommands::PlaceCommands(CLI::App& cli) {
  CLI::App* places = cli.add_subcommand("places", "Places: areas for briefings and the map");
  load_ = places->add_subcommand("load", "Load areas (BCUs, rail areas, routes, stations, wards) from a GeoJSON file, shapefile or "
                                         "any vector file GDAL reads; all or nothing, a bad feature is named");
  load_->add_option("file", file_, "The file")->required();
  load_->add_option("--kind", kind_, "bcu, rail_area, route, station or ward")
      ->required()
      ->check(CLI::IsMember({"bcu", "rail_area", "route", "station", "ward"}));
  load_->add_option("--name-field", name_field_, "Attribute holding the area's name")->capture_default_str();
  load_->add_option("--code-field", code_field_, "Attribute holding the area's code")->capture_default_str();
  load_->add_option("--epsg", epsg_, "EPSG code of the coordinates when the file does not say (GeoJSON: 4326)");

  CLI::App* incidents = cli.add_subcommand("incidents", "Incidents with coordinates (metal theft, kiosk fraud, robbery)");
  import_ = incidents->add_subcommand("import", "Import incidents from a CSV with columns reference, type, occurred_on, x, y and "
                                                "optionally epsg (default 27700) and location; all or nothing, a bad row is named");
  import_->add_option("file", file_, "The CSV file")->required();
  import_->add_option("--owner", owner_, "Owning agency code")->required();
  import_->add_option("--classification", classification_, "OFFICIAL, SECRET or TOP SECRET")->capture_default_str();
  import_->add_option("--scope", scope_, "owner, named, region or national")->capture_default_str();
}

bool PlaceCommands::parsed() const { return (load_ && load_->parsed()) || (import_ && import_->parsed()); }

int PlaceCommands::run(OpenedApp& opened) { return load_->parsed() ? load(opened) : import(opened); }

int PlaceCommands::load(OpenedApp& opened) {
  auto features = geo::read_features(file_, name_field_, code_field_, epsg_);
  if (!features.is_ok()) return fail(features.status());
  auto n = load_areas(*opened.app, system_caller(), *parse_area_kind(kind_), *features);
  if (!n.is_ok()) return fail(n.status());
  std::cout << "loaded " << *n << " " << kind_ << " areas from " << file_ << '\n';
  return kExitOk;
}

int PlaceCommands::import(OpenedApp& opened) {
  std::ifstream in(file_, std::ios::binary);
  if (!in) return fail(invalid("cannot read " + file_));
  std::stringstream text;
  text << in.rdbuf();
  Marking m;
  m.owning_agency = owner_;
  auto c = parse_classification(classification_);
  auto s = parse_sharing_scope(scope_);
  if (!c) return fail(invalid("unknown classification " + classification_, "classification"));
  if (!s) return fail(invalid("unknown scope " + scope_, "scope"));
  m.classification = *c;
  m.scope = *s;
  auto done = import_incidents(*opened.app, system_caller(), text.str(), m);
  if (!done.is_ok()) return fail(done.status());
  std::cout << "imported " << done->imported << " incidents from " << file_ << '\n';
  return kExitOk;
}

}  // namespace rocta::cli
