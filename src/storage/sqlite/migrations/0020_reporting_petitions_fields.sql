-- The province's periodic report counts its cooperatives' petitions (issue 17): three fields of the
-- section "Đánh giá, kiến nghị" of province_development, prefilled from the petitions' indicator
-- source (received, answered and overdue in the period), before the narrative "Kiến nghị".
-- A form that has reports is never changed (reporting/README.md): where version 1 already has
-- reports, a national admin adds the fields with PUT /api/v1/report-forms/province_development
-- (version 2); a new installation gets them in version 1.
UPDATE report_forms
SET definition = replace(definition, '{"code":"petitions","label_vi":"Kiến nghị"',
  '{"code":"petitions_received","label_vi":"Số kiến nghị của HTX tiếp nhận trong kỳ","label_en":"Cooperatives'' petitions received in the period","type":"integer","unit":"kiến nghị","min":0,"prefill":{"source":"petitions.petitions","measure":"count","window":"period"}},'
  || '{"code":"petitions_answered","label_vi":"Số kiến nghị đã được trả lời trong kỳ","label_en":"Petitions answered in the period","type":"integer","unit":"kiến nghị","min":0,"prefill":{"source":"petitions.petitions","measure":"answered","window":"period"}},'
  || '{"code":"petitions_overdue","label_vi":"Số kiến nghị quá hạn chưa được trả lời","label_en":"Petitions overdue without an answer","type":"integer","unit":"kiến nghị","min":0,"prefill":{"source":"petitions.petitions","measure":"overdue","window":"period"}},'
  || '{"code":"petitions","label_vi":"Kiến nghị"')
WHERE code = 'province_development' AND version = 1
  AND definition NOT LIKE '%petitions_received%'
  AND NOT EXISTS (SELECT 1 FROM reports WHERE form_code = 'province_development' AND form_version = 1);
