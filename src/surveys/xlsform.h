// XLSForm: the questionnaire file of KoboToolbox and ODK (https://xlsform.org), read and written.
//
// Sheets: `survey` (type, name, label, hint, required, relevant; the labels and hints per language as
// `label::Vietnamese`, `label::English`, also `label::Vietnamese (vi)`, `label::vi`, the older
// `label:English`, plain `label` for
// Vietnamese), `choices` (list_name — or `list name` —, name, label…) and `settings` (form_title,
// form_id, version). Types: `begin_group`/`begin group` … `end_group` (a section), `select_one L`,
// `select_multiple L` (and pyxform's aliases: `select one from L`, `select all that apply from L`, …),
// `integer`, `decimal`, `text` (appearance `multiline`: long_text), `note`;
// a select_one whose list is exactly 1..5 and is marked as a scale (appearance `likert`, or a list
// named …likert… or …satisf…) is a likert question (it counts in the satisfaction index); one whose
// list is exactly yes/no a yes_no question; any other a single choice. Metadata types (start, end, today, deviceid,
// username, …) are ignored; calculate, geopoint, repeats, and other types hoptac does not ask are refused by row.
// `required` reads yes/true/TRUE()/1 and no/false/empty.
//
// Errors: the file's own (io/xlsx.h); error.xlsform_no_survey (no `survey` sheet or no `type`/`name`
// column); field errors on "survey.<row>.<column>" and "choices.<row>.<column>" (rows as the sheet
// numbers them): field.xlsform_type {type}, field.xlsform_list_unknown {list}, field.xlsform_group
// (an end without a begin, a group left open, a group inside a group), and Validate's (questionnaire.h)
// translated to the row of the question.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "surveys/questionnaire.h"

namespace hoptac::surveys {

// Reads the bytes of an .xlsx XLSForm; the questionnaire is validated (Validate). Without a title or a
// form_id in its settings, the questionnaire is named after `file_name` (as pyxform does).
Result<Questionnaire> ReadXlsForm(std::string bytes, std::string_view file_name = {});

// Writes the questionnaire as an XLSForm workbook (survey, choices, settings) to `path`; reading it
// back gives the same questionnaire.
Status WriteXlsForm(const Questionnaire& q, const std::string& path);

}  // namespace hoptac::surveys
