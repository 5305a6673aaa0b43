// The storage suite's bulk writes (Connection::CopyRows and CopyBytes) on the backend named
// by HOPTAC_TEST_BACKEND: special characters, raw bytes, and what a failure leaves.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "storage/db.h"
#include "storage/db_fixture.h"
#include "support/status_matchers.h"

namespace hoptac::storage {
namespace {

TEST_F(DbTest, CopyRows100kWithSpecialCharactersRoundTrip) {
  ASSERT_OK(
      Script("CREATE TABLE bulk (id BIGINT PRIMARY KEY, name TEXT, note TEXT, "
             "amount DOUBLE PRECISION, qty BIGINT)"));
  const std::vector<std::string> specials = {
      "plain",      "tab\there",        "new\nline", "back\\slash", "\\N", "cr\rlf\r\n", "\\.",          "",
      "  spaced  ", "Đồng Tháp\t\\\n✓", "\\\\t",     "trailing\\",  "\t",  "\n",         "a|b,c;d\"e'f",
  };
  constexpr int kRows = 100000;
  std::vector<Row> rows;
  rows.reserve(kRows);
  for (int i = 0; i < kRows; ++i) {
    rows.push_back({
        Int(i),
        Text(specials[static_cast<size_t>(i) % specials.size()] + std::to_string(i % 97)),
        i % 7 == 0 ? Null()
                   : Text(i % 11 == 0 ? specials[static_cast<size_t>(i / 11) % specials.size()]
                                      : "ghi chú " + std::to_string(i)),
        i % 5 == 0 ? Null() : Real(i * 0.1 - 333.3),
        i % 3 == 0 ? Null() : Int(int64_t{i} * 92233720368547 - 4611686018427387904),
    });
  }
  const std::vector<std::string> columns = {"id", "name", "note", "amount", "qty"};
  const auto start = steady_clock::now();
  ASSERT_OK(db().Write([&](Connection& c) { return c.CopyRows("bulk", columns, rows); }));
  const int64_t copy_ms = Elapsed(start);
  std::printf("[storage] backend=%s CopyRows %d rows: %lld ms\n", BackendName(db().backend()), kRows,
              static_cast<long long>(copy_ms));
  std::fflush(stdout);

  size_t index = 0;
  int mismatches = 0;
  ASSERT_OK(db().Read([&](Connection& c) {
    return c.Query("SELECT id, name, note, amount, qty FROM bulk ORDER BY id", {}, [&](const RowView& view) -> Status {
      const Row& expected = rows[index++];
      Row actual;
      for (int col = 0; col < view.size(); ++col) {
        if (view.IsNull(col)) {
          actual.push_back(Null());
        } else if (col == 1 || col == 2) {
          actual.push_back(Text(std::string(view.GetText(col))));
        } else if (col == 3) {
          actual.push_back(Real(view.GetDouble(col)));
        } else {
          actual.push_back(Int(view.GetInt(col)));
        }
      }
      if (actual != expected && ++mismatches <= 5) {
        ADD_FAILURE() << "row " << index - 1 << " differs";
      }
      return Ok();
    });
  }));
  EXPECT_EQ(index, rows.size());
  EXPECT_EQ(mismatches, 0);
  // The empty string stays distinct from NULL and "\N" stays text.
  Result<std::vector<Row>> nulls = ReadAll("SELECT COUNT(*) FROM bulk WHERE note IS NULL");
  ASSERT_OK(nulls);
  EXPECT_EQ((*nulls)[0][0], Int((kRows + 6) / 7));
}

TEST_F(DbTest, CopyRowsFailureWritesNothing) {
  ASSERT_OK(Script("CREATE TABLE bulk2 (id BIGINT PRIMARY KEY, name TEXT NOT NULL)"));
  const std::vector<std::string> columns = {"id", "name"};
  const std::vector<Row> rows = {{Int(1), Text("a")}, {Int(2), Text("b")}, {Int(1), Text("dup")}};
  Status status = db().Write([&](Connection& c) { return c.CopyRows("bulk2", columns, rows); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict) << Describe(status.error());
  EXPECT_EQ(Count("bulk2"), 0);
  // A row of the wrong width is refused.
  const std::vector<Row> narrow = {{Int(1)}};
  EXPECT_FALSE(db().Write([&](Connection& c) { return c.CopyRows("bulk2", columns, narrow); }).ok());
  // Names are spliced into SQL: only plain identifiers pass.
  const std::vector<std::string> evil = {"id", "name) VALUES (1, 'x'); --"};
  EXPECT_FALSE(db().Write([&](Connection& c) { return c.CopyRows("bulk2", evil, rows); }).ok());
  // The connection is still fine afterwards.
  ASSERT_OK(
      db().Write([&](Connection& c) { return c.CopyRows("bulk2", columns, std::span<const Row>(rows).first(2)); }));
  EXPECT_EQ(Count("bulk2"), 2);
}

// CopyBytes' producer over rows held in a vector.
Connection::NextRow Rows(const std::vector<Row>& rows) {
  auto at = std::make_shared<size_t>(0);
  return [&rows, at](Row& row) -> Result<bool> {
    if (*at == rows.size()) return false;
    row = rows[(*at)++];
    return true;
  };
}

// Raw bytes (the chunks of a kept import file): every byte value, NUL included, large values
// (sent around PostgreSQL's COPY buffer), NULLs, and integers of a 4-byte column.
TEST_F(DbTest, CopyBytesRoundTripsEveryByte) {
  const bool postgres = db().backend() == Backend::kPostgres;
  ASSERT_OK(Script(std::string("CREATE TABLE blobs (sha TEXT NOT NULL, seq INTEGER NOT NULL, flag BOOLEAN, ") +
                   (postgres ? "content BYTEA" : "content BLOB") + ", PRIMARY KEY (sha, seq))"));
  std::string every;
  for (int i = 0; i < 256; ++i) every.push_back(static_cast<char>(i));
  std::string large;
  for (int i = 0; i < (3 << 20) + 17; ++i) large.push_back(static_cast<char>((i * 131) ^ (i >> 9)));
  const std::vector<std::string> columns = {"sha", "seq", "flag", "content"};
  constexpr bool bytes[] = {false, false, false, true};
  const std::vector<Row> rows = {{Text("Đồng"), Int(0), Int(1), Text(every)},
                                 {Text("Đồng"), Int(1), Null(), Text(large)},
                                 {Text("Đồng"), Int(2147483647), Int(0), Text("")},
                                 {Text("x"), Int(-2147483648LL), Int(1), Null()}};
  ASSERT_OK(db().Write([&](Connection& c) { return c.CopyBytes("blobs", columns, bytes, Rows(rows)); }));
  auto hex = [](std::string_view b) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (char c : b) {
      out.push_back(digits[static_cast<unsigned char>(c) >> 4]);
      out.push_back(digits[static_cast<unsigned char>(c) & 15]);
    }
    return out;
  };
  Result<std::vector<Row>> back =
      ReadAll(std::string("SELECT sha, seq, flag, ") + (postgres ? "encode(content, 'hex')" : "lower(hex(content))") +
              ", content IS NULL FROM blobs ORDER BY seq");
  ASSERT_OK(back);
  ASSERT_EQ(back->size(), 4u);
  EXPECT_EQ((*back)[0][1], Int(-2147483648LL));
  EXPECT_EQ((*back)[0][4], Int(1));  // NULL bytes
  EXPECT_EQ((*back)[1][0], Text("Đồng"));
  EXPECT_TRUE((*back)[1][3] == Text(hex(every)));  // (not EXPECT_EQ: a failure would print megabytes)
  EXPECT_TRUE((*back)[2][3] == Text(hex(large)));
  EXPECT_EQ((*back)[2][2], Null());
  EXPECT_EQ((*back)[3][1], Int(2147483647));
  EXPECT_EQ((*back)[3][3], Text(""));
  EXPECT_EQ((*back)[3][4], Int(0));  // empty bytes, not NULL
}

TEST_F(DbTest, CopyBytesRefusesWhatItCannotSendAndWritesNothing) {
  const bool postgres = db().backend() == Backend::kPostgres;
  ASSERT_OK(Script(std::string("CREATE TABLE blobs2 (sha TEXT NOT NULL, seq INTEGER NOT NULL, ") +
                   (postgres ? "content BYTEA" : "content BLOB") + ", PRIMARY KEY (sha, seq))"));
  const std::vector<std::string> columns = {"sha", "seq", "content"};
  constexpr bool bytes[] = {false, false, true};
  const std::vector<Row> ok = {{Text("a"), Int(1), Text("x")}};
  auto copy = [&](std::span<const std::string> cols, std::span<const bool> flags, const std::vector<Row>& rows) {
    return db().Write([&](Connection& c) { return c.CopyBytes("blobs2", cols, flags, Rows(rows)); });
  };
  // A flag per column; plain names only; rows as wide as the columns.
  EXPECT_FALSE(copy(columns, std::span<const bool>(bytes).first(2), ok).ok());
  const std::vector<std::string> evil = {"sha", "seq", "content) FROM STDIN; --"};
  EXPECT_FALSE(copy(evil, bytes, ok).ok());
  const std::vector<Row> narrow = {{Text("a"), Int(1)}};
  EXPECT_FALSE(copy(columns, bytes, narrow).ok());
  // A duplicate key fails the whole COPY.
  const std::vector<Row> duplicate = {{Text("a"), Int(1), Text("x")}, {Text("a"), Int(1), Text("y")}};
  EXPECT_FALSE(copy(columns, bytes, duplicate).ok());
  if (postgres) {
    // The binary COPY needs each value in its column's form, checked before or while sending.
    const std::vector<Row> too_big = {{Text("a"), Int(2), Text("x")}, {Text("b"), Int(int64_t{1} << 31), Text("x")}};
    Status status = copy(columns, bytes, too_big);
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().detail.find("out of the column's range"), std::string::npos) << Describe(status.error());
    const std::vector<Row> nul_text = {{Text(std::string("a\0b", 3)), Int(3), Text("x")}};
    EXPECT_FALSE(copy(columns, bytes, nul_text).ok());
    constexpr bool wrong[] = {false, true, false};  // seq is no bytea, content is
    EXPECT_FALSE(copy(columns, wrong, ok).ok());
    const std::vector<std::string> missing = {"sha", "seq", "nothing"};
    EXPECT_FALSE(copy(missing, bytes, ok).ok());
  }
  // The producer's error ends the insert, and is what the caller gets.
  int calls = 0;
  Status failed = db().Write([&](Connection& c) {
    return c.CopyBytes("blobs2", columns, bytes, [&](Row& row) -> Result<bool> {
      if (++calls == 3) return Error::Make(ErrorCode::kConflict, "error.import_file_changed", {"f.csv"});
      row = {Text("p"), Int(calls), Text(std::string(300000, 'x'))};
      return true;
    });
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().key, "error.import_file_changed") << Describe(failed.error());
  EXPECT_EQ(Count("blobs2"), 0);
  // The connection is still fine afterwards.
  ASSERT_OK(copy(columns, bytes, ok));
  EXPECT_EQ(Count("blobs2"), 1);
}

}  // namespace
}  // namespace hoptac::storage
