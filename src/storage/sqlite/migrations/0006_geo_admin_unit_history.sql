-- The provinces' records go back to 1997-01-01 (data/vn-admin/provinces-history.csv).
-- valid_from_open: in force since before the records begin (valid_from then holds
-- their first day). formed_from_code: the unit it split off on valid_from
-- (Điện Biên from Lai Châu, Đắk Nông from Đắk Lắk, Hậu Giang from Cần Thơ).
ALTER TABLE admin_units ADD COLUMN valid_from_open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE admin_units ADD COLUMN formed_from_code TEXT;
