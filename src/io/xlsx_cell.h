// How the raw values of an XLSX worksheet become the text cells of a RowSource: number
// formats that mean dates, Excel serial dates, numbers without exponents, the `_xHHHH_`
// escapes of OOXML strings, and A1 cell references. Used by XlsxReader and XlsxStreamWriter;
// public so that each rule has its own table-driven test.
//
// Dates: Excel stores a date as a number of days (the "serial"), shown as a date only by
// the cell's number format. In the 1900 date system serial 1 is 1900-01-01 and Excel
// counts the day 1900-02-29 that never existed (a Lotus 1-2-3 bug kept for
// compatibility): serials 1–59 are 1900-01-01 … 1900-02-28, serial 60 is Excel's
// fictitious 1900-02-29 and serial 61 onwards is 1899-12-30 + serial (61 = 1900-03-01,
// 44196 = 2020-12-31). In the 1904 system (`<workbookPr date1904="1"/>`, old Mac files)
// serial 0 is 1904-01-01. Serial 0 and 60 are rendered as Excel shows them,
// "1900-01-00" and "1900-02-29": not real dates, so Date::ParseIso rejects them and the
// importer reports the cell instead of silently shifting a day. Serials out of
// 0 … 9999-12-31, or negative, stay numbers.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hoptac::io {

enum class NumberFormatKind { kNumber, kDate, kTime, kDateTime };

// Kind of a built-in number format id (ECMA-376 §18.8.30): 14–17, 27–36, 50–58 dates;
// 18–21 and 45–47 times; 22 date and time; anything else a number.
NumberFormatKind BuiltinNumberFormatKind(int id);

// Kind of a custom format code such as "dd/mm/yyyy;@" or "[$-42A]d mmmm yyyy": only the
// first section counts, and letters inside quotes or brackets, escaped by `\`, after the
// padding marks `_` and `*`, or in AM/PM and A/P are ignored. d or y (or m without h and s)
// → a date; h or s → a time; both → date and time.
NumberFormatKind ClassifyNumberFormatCode(std::string_view code);

enum class DateSystem { k1900, k1904 };

// The text of a serial shown with a format of `kind` (not kNumber): "YYYY-MM-DD" for a
// date, "HH:MM:SS" for a time (hours past 24 for durations), and for date and time
// "YYYY-MM-DD HH:MM:SS", or only the date at exactly midnight. Rounded to the second.
// nullopt when the serial is not a date (negative, past 9999-12-31, not finite).
std::optional<std::string> SerialToText(double serial, NumberFormatKind kind, DateSystem system);

// A stored number ("5752", "3.7999999999999998", "1.234567890123E+12") as Excel shows
// it in the General format, but never with an exponent: rounded to 15 significant
// digits, shortest form, no trailing ".0" ("5752", "3.8", "1234567890123"). Text that
// is not a number is returned unchanged.
std::string FormatNumber(std::string_view raw);

// Decodes the `_xHHHH_` escapes of an OOXML string (ECMA-376 §22.9.2.19): "_x000D_" is
// CR, "_x005F_" a literal underscore.
std::string DecodeEscapes(std::string_view text);
// The inverse for text given to a writer that escapes control characters itself: a
// literal "_xHHHH_" in `text` gets its underscore escaped so it reads back unchanged.
std::string EscapeLiteralEscapes(std::string_view text);

// Parses "C5" (also "$C$5") into a 0-based column (< 16384) and 1-based row; false for
// anything else.
bool ParseCellReference(std::string_view reference, int& column, int& row);
// 0-based column → "A", "Z", "AA", …
std::string ColumnName(int column);

}  // namespace hoptac::io
