-- The secret of the statistics' disclosure control (registry/index/disclosure.h, cell_key.h):
-- every entity's record key is a keyed hash of its id under it, so the noise on a published
-- figure is the same after a restart and on every server of this database, and nobody without
-- the secret can compute it. Created once, here, from 256 random bits; no route shows it, and
-- changing it changes every published figure (a caller comparing old and new answers could
-- average the noise away), so it is never rotated.
INSERT INTO meta (key, value) VALUES ('stats_cell_key_secret', lower(hex(randomblob(32))));
