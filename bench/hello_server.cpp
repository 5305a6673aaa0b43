// The ceiling for the HTTP benchmark: a minimal Boost.Beast server that answers
// every request with a fixed small JSON body, keep-alive. Three modes:
//   shared      one io_context run by N threads, a strand per connection, the answer
//               written by Beast's serializer (hoptac's threading until issue 13; the
//               default, so the ceiling stays comparable with the earlier runs)
//   per-thread  one io_context per thread, one acceptor handing connections to them in
//               turn (hoptac's threading since issue 13), Beast's serializer
//   lean        per-thread, and the answer written as plain bytes without the serializer
//               (hoptac writes its answers so since issue 13): the strictest ceiling
// Usage: hello_server PORT [THREADS] [shared|per-thread|lean]
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>
#include <thread>
#include <vector>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, bool lean) : stream_(std::move(socket)), lean_(lean) {}
  void Start() {
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

 private:
  void Read() {
    request_ = {};
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, request_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return;
      self->Write();
    });
  }
  void Write() {
    if (lean_) {
      static constexpr std::string_view kKeepAlive =
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"hello\":\"world\"}";
      static constexpr std::string_view kClose =
          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
          "17\r\n\r\n{\"hello\":\"world\"}";
      bool keep_alive = request_.keep_alive();
      net::async_write(stream_, net::buffer(keep_alive ? kKeepAlive : kClose),
                       [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
                         if (ec || !keep_alive) return;
                         self->Read();
                       });
      return;
    }
    auto res = std::make_shared<http::response<http::string_body>>(http::status::ok, request_.version());
    res->set(http::field::content_type, "application/json");
    res->body() = R"({"hello":"world"})";
    res->keep_alive(request_.keep_alive());
    res->prepare_payload();
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, size_t) {
      if (ec || !res->keep_alive()) return;
      self->Read();
    });
  }
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::request<http::string_body> request_;
  bool lean_;
};

// ios.size() == 1: the shared threading (strands); otherwise one context per thread.
void Accept(tcp::acceptor& acceptor, std::vector<std::unique_ptr<net::io_context>>& ios, bool lean, size_t next) {
  net::any_io_executor executor = ios.size() == 1 ? net::any_io_executor(net::make_strand(*ios[0]))
                                                  : net::any_io_executor(ios[next % ios.size()]->get_executor());
  acceptor.async_accept(executor, [&acceptor, &ios, lean, next](beast::error_code ec, tcp::socket socket) {
    if (!ec) {
      socket.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(socket), lean)->Start();
    }
    Accept(acceptor, ios, lean, next + 1);
  });
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: hello_server PORT [THREADS] [shared|per-thread|lean]\n";
    return 2;
  }
  auto port = static_cast<unsigned short>(std::atoi(argv[1]));
  int threads = std::max(1, argc > 2 ? std::atoi(argv[2]) : 2);
  std::string_view mode = argc > 3 ? argv[3] : "shared";
  if (mode != "shared" && mode != "per-thread" && mode != "lean") {
    std::cerr << "hello_server: the mode is shared, per-thread or lean\n";
    return 2;
  }
  bool per_thread = mode != "shared";
  bool lean = mode == "lean";
  std::vector<std::unique_ptr<net::io_context>> ios;
  ios.push_back(per_thread ? std::make_unique<net::io_context>(1) : std::make_unique<net::io_context>());
  for (int i = 1; per_thread && i < threads; ++i) ios.push_back(std::make_unique<net::io_context>(1));
  tcp::acceptor acceptor(*ios[0], tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  Accept(acceptor, ios, lean, 0);
  std::vector<net::executor_work_guard<net::io_context::executor_type>> work;  // run() waits for connections
  for (auto& io : ios) work.push_back(net::make_work_guard(*io));
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) {
    net::io_context& io = *ios[per_thread ? i : 0];
    pool.emplace_back([&io] { io.run(); });
  }
  ios[0]->run();
}
