-- People per region, kept by the roster's writes, so that "how many people under this region"
-- is a sum over a code range of at most ~22,000 rows instead of a count over the roster.
CREATE TABLE person_count (
    region_code BIGINT PRIMARY KEY REFERENCES region (code),
    people      BIGINT NOT NULL DEFAULT 0
);
INSERT INTO person_count (region_code, people)
SELECT r.code, (SELECT COUNT(*) FROM person p WHERE p.region_code = r.code) FROM region r;
