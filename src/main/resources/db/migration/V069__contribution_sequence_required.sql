-- A batch's contributions are inserted already numbered (the series' counter reserved first on H2, one
-- statement with the counter's update on PostgreSQL), so a row never exists without its sequence number,
-- not even inside the allocating transaction: V068's relaxation is withdrawn and the database refuses
-- such a row again.
ALTER TABLE contributions ALTER COLUMN seq_no SET NOT NULL;
