#include "geo/ogr_source.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cstdio>
#include <memory>
#include <mutex>

#include "geo/crs.h"

namespace rocta::geo {
namespace {

void register_drivers() {
  static std::once_flag once;
  std::call_once(once, [] {
    CPLSetConfigOption("CPL_LOG", "/dev/null");
    // The process-wide handler: CPLPushErrorHandler would quiet only the calling thread and
    // leave its handler node in that thread's storage when an API worker thread ends.
    CPLSetErrorHandler(CPLQuietErrorHandler);
    GDALAllRegister();
  });
}

Path path_of(const OGRSimpleCurve& curve) {
  Path p;
  p.reserve(curve.getNumPoints());
  for (int i = 0; i < curve.getNumPoints(); ++i) p.push_back({curve.getX(i), curve.getY(i)});
  return p;
}

std::vector<Path> rings_of(const OGRPolygon& poly) {
  std::vector<Path> rings;
  if (auto* outer = poly.getExteriorRing()) rings.push_back(path_of(*outer));
  for (int i = 0; i < poly.getNumInteriorRings(); ++i) rings.push_back(path_of(*poly.getInteriorRing(i)));
  return rings;
}

Result<Geometry> convert(const OGRGeometry* g) {
  if (!g || g->IsEmpty()) return invalid("the feature has no geometry", "geometry");
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: {
      auto* pt = g->toPoint();
      return Geometry::point({pt->getX(), pt->getY()});
    }
    case wkbLineString: return Geometry::line(path_of(*g->toLineString()));
    case wkbMultiLineString: {
      Geometry out{GeometryKind::kLine, {}};
      for (auto* line : *g->toMultiLineString()) out.parts.push_back({path_of(*line)});
      return out;
    }
    case wkbPolygon: return Geometry{GeometryKind::kArea, {rings_of(*g->toPolygon())}};
    case wkbMultiPolygon: {
      Geometry out{GeometryKind::kArea, {}};
      for (auto* poly : *g->toMultiPolygon()) out.parts.push_back(rings_of(*poly));
      return out;
    }
    default:
      return invalid(std::string("unsupported geometry type ") + OGRGeometryTypeToName(g->getGeometryType()),
                     "geometry");
  }
}

// Structure first (our own message), then GEOS's validity for what structure cannot see.
Result<Geometry> checked(const OGRGeometry* g, int epsg) {
  ROCTA_ASSIGN_OR_RETURN(Geometry geom, convert(g));
  ROCTA_RETURN_IF_ERROR(validate(geom));
  if (geom.kind == GeometryKind::kArea && !g->IsValid()) return invalid("the area is not a valid polygon", "geometry");
  return to_bng(std::move(geom), epsg);
}

int epsg_of(OGRLayer& layer) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (!srs) return kWgs84;
  OGRSpatialReference copy(*srs);
  copy.AutoIdentifyEPSG();
  const char* code = copy.GetAuthorityCode(nullptr);
  if (!code) return -1;
  return std::atoi(code);
}

}  // namespace

Result<std::vector<Feature>> read_features(const std::string& path, const std::string& name_field,
                                           const std::string& code_field, int epsg) {
  register_drivers();
  std::unique_ptr<GDALDataset> ds(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds) return invalid("cannot read " + path + " as a GeoJSON file, shapefile or other vector file", "file");
  std::vector<Feature> out;
  int row = 0;
  for (auto* layer : ds->GetLayers()) {
    int layer_epsg = epsg ? epsg : epsg_of(*layer);
    if (layer_epsg < 0) return invalid("layer " + std::string(layer->GetName()) + " has a spatial reference without an EPSG code", "epsg");
    for (auto& f : *layer) {
      ++row;
      auto geom = checked(f->GetGeometryRef(), layer_epsg);
      auto text = [&](const std::string& field) {
        int i = f->GetFieldIndex(field.c_str());
        return i >= 0 && f->IsFieldSetAndNotNull(i) ? std::string(f->GetFieldAsString(i)) : std::string();
      };
      Feature feature{row, text(name_field), text(code_field), {}};
      if (!geom.is_ok()) {
        auto s = geom.status();
        return invalid("feature " + std::to_string(row) + (feature.name.empty() ? "" : " (" + feature.name + ")") +
                           ": " + s.message(),
                       s.field());
      }
      feature.geometry = std::move(geom).value();
      out.push_back(std::move(feature));
    }
  }
  if (out.empty()) return invalid(path + " holds no features", "file");
  return out;
}

Result<Geometry> geometry_from_geojson(const std::string& json, int epsg) {
  register_drivers();
  OGRGeometryH h = OGR_G_CreateGeometryFromJson(json.c_str());
  if (!h) return invalid("the geometry is not a GeoJSON geometry object", "geometry");
  std::unique_ptr<OGRGeometry> g(OGRGeometry::FromHandle(h));
  return checked(g.get(), epsg);
}

std::string geojson_wgs84(const Geometry& bng) { return geojson(to_wgs84(bng), 6); }

std::string geojson(const Geometry& ll, int decimals) {
  auto coord = [decimals](Coord c) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "[%.*f,%.*f]", decimals, c.x, decimals, c.y);
    return std::string(buf);
  };
  auto path = [&](const Path& p) {
    std::string s = "[";
    for (size_t i = 0; i < p.size(); ++i) s += (i ? "," : "") + coord(p[i]);
    return s + "]";
  };
  auto list = [](const auto& items, auto f) {
    std::string s = "[";
    for (size_t i = 0; i < items.size(); ++i) s += (i ? "," : "") + f(items[i]);
    return s + "]";
  };
  switch (ll.kind) {
    case GeometryKind::kPoint: return R"({"type":"Point","coordinates":)" + coord(ll.as_point()) + "}";
    case GeometryKind::kLine:
      return R"({"type":"MultiLineString","coordinates":)" +
             list(ll.parts, [&](const std::vector<Path>& part) { return path(part.front()); }) + "}";
    case GeometryKind::kArea:
      return R"({"type":"MultiPolygon","coordinates":)" +
             list(ll.parts, [&](const std::vector<Path>& part) { return list(part, path); }) + "}";
  }
  return "null";
}

}  // namespace rocta::geo
