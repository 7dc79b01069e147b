-- The number allocator records a batch's contributions first and numbers them last, in the same
-- transaction, so that the series row's lock (which every node's batches queue on) is held only from
-- the numbering to the commit. Until then a row has no sequence number (and a placeholder number of
-- its own); no committed row is ever without one.
ALTER TABLE contributions ALTER COLUMN seq_no DROP NOT NULL;
