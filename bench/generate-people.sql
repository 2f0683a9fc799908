-- 1,000,000 generated people spread evenly over Heilongjiang's 13,877 villages and communities.
-- Portable: runs on H2 (PostgreSQL mode) and PostgreSQL. Phones and ID numbers are left empty
-- (they are ciphertext and take no part in the measured queries).
CREATE TABLE bench_village (rn INT PRIMARY KEY, code BIGINT NOT NULL);
INSERT INTO bench_village (rn, code)
SELECT CAST(ROW_NUMBER() OVER (ORDER BY code) - 1 AS INT), code FROM region
WHERE level = 'VILLAGE' AND code BETWEEN 230000000000 AND 239999999999;

INSERT INTO person (name, gender, party_member, region_code, created_at, updated_at, version)
SELECT SUBSTRING('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗', CAST(MOD(g.x, 20) AS INT) + 1, 1)
       || SUBSTRING('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞', CAST(MOD(g.x / 20, 20) AS INT) + 1, 1)
       || CAST(g.x AS VARCHAR(10)),
       CASE WHEN MOD(g.x, 2) = 0 THEN 'FEMALE' ELSE 'MALE' END,
       MOD(g.x, 3) = 0,
       (SELECT v.code FROM bench_village v WHERE v.rn = CAST(MOD(g.x, 13877) AS INT)),
       CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0
FROM generate_series(0, 999999) AS g(x);

DROP TABLE bench_village;

-- The bulk insert above bypasses the application, so bring the per-region counts up to date.
UPDATE person_count SET people = (SELECT COUNT(*) FROM person p WHERE p.region_code = person_count.region_code);
UPDATE person_count pc SET people_below = (
    SELECT COALESCE(SUM(c.people), 0) FROM person_count c
    WHERE c.region_code BETWEEN pc.region_code AND CASE
        WHEN MOD(pc.region_code, 10000000000) = 0 THEN pc.region_code + 9999999999
        WHEN MOD(pc.region_code, 100000000) = 0 THEN pc.region_code + 99999999
        WHEN MOD(pc.region_code, 1000000) = 0 THEN pc.region_code + 999999
        WHEN MOD(pc.region_code, 1000) = 0 THEN pc.region_code + 999
        ELSE pc.region_code END);
