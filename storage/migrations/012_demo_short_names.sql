-- Unit short names go into document numbers and must now be symbol parts (upper-case
-- letters and digits, groups joined by "-"). The demo directory used to give four units
-- short names with a space; a database that loaded it gets them as the demo now writes
-- them. Other units are left as they are: the server warns about them at start-up and the
-- next import of the directory must fix them.

UPDATE units SET short_name = 'BCĐ138'
WHERE short_name = 'BCĐ 138' AND id IN ('bcd-138-chinh-phu', 'bcd-138-tinh-thanh-hoa-2016');
UPDATE units SET short_name = 'THCSTMN' WHERE short_name = 'THCS TMN' AND id = 'truong-thcs-tran-mai-ninh';
UPDATE units SET short_name = 'THCSQP' WHERE short_name = 'THCS QP' AND id = 'truong-thcs-quang-phu';
UPDATE units SET short_name = 'THPTĐDT' WHERE short_name = 'THPT ĐDT' AND id = 'truong-thpt-dao-duy-tu';
