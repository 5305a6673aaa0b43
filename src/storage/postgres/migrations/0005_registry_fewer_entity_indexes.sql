-- Two indexes of entities that no query uses, and that every write pays for:
-- name_folded is searched with LIKE '%word%' (exports; lists and search are
-- answered by the in-memory index), which no B-tree serves, and kind has four
-- values, so a scan by id is cheaper than the index. Without them a bulk load
-- of a million entities writes in 4.7 s instead of 12.8 s (docs/perf.md).
DROP INDEX entities_name_folded;
DROP INDEX entities_kind;
