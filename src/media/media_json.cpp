#include "media/media_json.h"

namespace hoptac::media {

boost::json::object ImageJson(const Image& image) {
  const ImageRef& r = image.ref;
  boost::json::array variants;
  for (const VariantRef& v : r.variants) variants.push_back(boost::json::object{{"width", v.width}, {"url", v.url}});
  boost::json::object out{{"id", r.id}, {"content_type", r.content_type}};
  out["width"] = r.width > 0 ? boost::json::value(r.width) : boost::json::value(nullptr);
  out["height"] = r.height > 0 ? boost::json::value(r.height) : boost::json::value(nullptr);
  out["bytes"] = image.bytes;
  out["name"] = image.name;
  out["url"] = r.url;
  out["variants"] = std::move(variants);
  return out;
}

}  // namespace hoptac::media
