-- People in each region's whole subtree, kept beside the region's own count, so that "how many
-- people under this region" is one row instead of a sum over up to ~15,000 rows.
ALTER TABLE person_count ADD COLUMN people_below BIGINT NOT NULL DEFAULT 0;

-- The subtree of a code is [code, end], where end fills the trailing all-zero level groups
-- (2, 4, 6, 9, 12 digits) with nines: the same rule as RegionCode.subtreeEnd().
UPDATE person_count pc SET people_below = (
    SELECT COALESCE(SUM(c.people), 0) FROM person_count c
    WHERE c.region_code BETWEEN pc.region_code AND CASE
        WHEN MOD(pc.region_code, 10000000000) = 0 THEN pc.region_code + 9999999999
        WHEN MOD(pc.region_code, 100000000) = 0 THEN pc.region_code + 99999999
        WHEN MOD(pc.region_code, 1000000) = 0 THEN pc.region_code + 999999
        WHEN MOD(pc.region_code, 1000) = 0 THEN pc.region_code + 999
        ELSE pc.region_code END);
