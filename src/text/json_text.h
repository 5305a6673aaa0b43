// JsonText: a JSON document as text, as hoptac writes it everywhere (the API's answers,
// the CLI's --format json): like boost::json::serialize, except that numbers are written
// as people read them — a whole number as an integer ("5", not "5E0"), any other in plain
// decimal notation, as short as still reads back exactly ("31.4", "0.0000001", never
// "3.14E1") — and a number that is not finite as null.
//
// Thread-safety: a pure function.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace hoptac::text {

std::string JsonText(const boost::json::value& value);

// Appends the text of one double as JsonText writes it.
void AppendJsonNumber(std::string& out, double number);

}  // namespace hoptac::text
