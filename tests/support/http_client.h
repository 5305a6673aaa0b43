// A small blocking HTTP/1.1 client for the integration tests (127.0.0.1 only).
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <optional>
#include <string>

namespace hoptac::testing {

struct Reply {
  unsigned status = 0;  // 0: no HTTP response (see error)
  std::string body;
  boost::beast::http::fields headers;
  boost::beast::error_code error;  // the first failure (connect, handshake, write, read)

  // Parsed once and kept, so references into it outlive the expression.
  const boost::json::value& Json() const {
    if (!json) json = body.empty() ? boost::json::value() : boost::json::parse(body);
    return *json;
  }
  // The error code of an error body, or empty.
  std::string Code() const {
    const auto& j = Json();
    return j.is_object() && j.as_object().contains("error") ? std::string(j.at("error").at("code").as_string())
                                                            : std::string();
  }
  mutable std::optional<boost::json::value> json;
};

// Writes req on a connected stream (plain or TLS) and reads the response.
template <class Stream>
Reply Exchange(Stream& stream, boost::beast::http::request<boost::beast::http::string_body> req) {
  namespace bhttp = boost::beast::http;
  Reply reply;
  req.set(bhttp::field::host, "127.0.0.1");
  req.prepare_payload();
  bhttp::write(stream, req, reply.error);
  if (reply.error) return reply;
  boost::beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 << 20);
  if (req.method() == bhttp::verb::head) parser.skip(true);
  bhttp::read(stream, buffer, parser, reply.error);
  if (reply.error) return reply;
  reply.status = parser.get().result_int();
  reply.body = parser.get().body();
  reply.headers = parser.get().base();
  return reply;
}

// One request on a new plain connection to 127.0.0.1:port.
inline Reply Send(uint16_t port, boost::beast::http::request<boost::beast::http::string_body> req) {
  namespace net = boost::asio;
  net::io_context io;
  net::ip::tcp::socket socket(io);
  Reply reply;
  socket.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port), reply.error);
  if (reply.error) return reply;
  return Exchange(socket, std::move(req));
}

}  // namespace hoptac::testing
