-- The training benchmark's data, set-based (bench/training.sh runs it with the application stopped,
-- after a first start under demo). Portable H2 (PostgreSQL mode) / PostgreSQL, except TOKEN_HASH,
-- which the script replaces with the database's SHA-256 expression.
--   * 2,720 community party secretaries over Heilongjiang's communities, each with an account and an
--     API token 'gr_<id>_bench' (trainees need no role: they act on their own enrolments);
--   * 3 earlier programmes with all 2,720 enrolled: 8,160 earlier enrolments for the duplicate check
--     (one of them shares a topic inside the window for a quarter of the people);
--   * the bench programme: 21 classrooms (one of 200 trainees), an approved plan of 40 sessions each,
--     all 2,720 enrolled, a 50-question bank, a baseline test answered by all, 5 open final tests;
--   * 5 empty programmes with 21 classrooms each, to enrol all secretaries from the roster, one per run.
-- Ids from 9,000,000 (people, accounts, tokens from 90,000,000) stay clear of the sequences.

CREATE TABLE bench_community (rn INT PRIMARY KEY, code BIGINT NOT NULL);
INSERT INTO bench_community (rn, code)
SELECT CAST(ROW_NUMBER() OVER (ORDER BY code) - 1 AS INT), code FROM region
WHERE level = 'VILLAGE' AND MOD(code, 1000) BETWEEN 1 AND 199 AND code BETWEEN 230000000000 AND 239999999999;

CREATE TABLE bench_n (n INT PRIMARY KEY);
INSERT INTO bench_n (n) SELECT CAST(g.x AS INT) FROM generate_series(0, 2719) AS g(x);

INSERT INTO person (id, name, gender, party_member, region_code, created_at, updated_at, version)
SELECT 90000000 + n.n, '书记' || CAST(n.n AS VARCHAR(10)), CASE WHEN MOD(n.n, 2) = 0 THEN 'FEMALE' ELSE 'MALE' END, TRUE,
       (SELECT c.code FROM bench_community c WHERE c.rn = MOD(n.n, (SELECT COUNT(*) FROM bench_community))),
       CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0
FROM bench_n n;
INSERT INTO post_assignment (person_id, post, region_code, start_date, created_at)
SELECT p.id, 'COMMUNITY_PARTY_SECRETARY', p.region_code, DATE '2024-01-01', CURRENT_TIMESTAMP
FROM person p WHERE p.id BETWEEN 90000000 AND 90002719;
INSERT INTO account (id, username, password_hash, display_name, person_id, enabled, password_changed_at, created_at)
SELECT 90000000 + n.n, 'bt' || CAST(n.n AS VARCHAR(10)), '{noop}not-for-login', '书记' || CAST(n.n AS VARCHAR(10)),
       90000000 + n.n, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM bench_n n;
INSERT INTO api_token (id, account_id, name, token_hash, expires_at, created_at, revoked)
SELECT 90000000 + n.n, 90000000 + n.n, 'bench', '', CURRENT_TIMESTAMP + INTERVAL '2' DAY, CURRENT_TIMESTAMP, FALSE
FROM bench_n n;
UPDATE api_token SET token_hash = TOKEN_HASH WHERE id BETWEEN 90000000 AND 90002719;

-- programmes: 9000000 the bench programme, 9000001..3 earlier ones, 9000011..15 the enrolment runs
INSERT INTO training_programme (id, name, programme_year, sponsor_name, sponsor_region_code, sponsor_level, start_date,
    end_date, required_hours, summons_limit, created_by, created_at, updated_at)
SELECT 9000000 + g.x,
       CASE WHEN g.x = 0 THEN '压测培训班' WHEN g.x < 10 THEN '往期培训班' || CAST(g.x AS VARCHAR(3))
            ELSE '压测报名培训班' || CAST(g.x - 10 AS VARCHAR(3)) END,
       EXTRACT(YEAR FROM CURRENT_DATE) - CASE WHEN g.x = 1 THEN 2 WHEN g.x = 2 THEN 1 ELSE 0 END,
       '黑龙江省委组织部', CASE WHEN g.x = 3 THEN 230100000000 ELSE 230000000000 END, CASE WHEN g.x = 3 THEN 'CITY' ELSE 'PROVINCE' END,
       CASE WHEN g.x = 0 THEN CURRENT_DATE - 2 WHEN g.x = 1 THEN CURRENT_DATE - 505 WHEN g.x = 2 THEN CURRENT_DATE - 205
            WHEN g.x = 3 THEN CURRENT_DATE - 60 ELSE CURRENT_DATE + 30 END,
       CASE WHEN g.x = 0 THEN CURRENT_DATE + 2 WHEN g.x = 1 THEN CURRENT_DATE - 500 WHEN g.x = 2 THEN CURRENT_DATE - 200
            WHEN g.x = 3 THEN CURRENT_DATE - 55 ELSE CURRENT_DATE + 34 END,
       80, CASE WHEN g.x > 10 THEN 10 ELSE 2 END, 'bench', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM generate_series(0, 15) AS g(x) WHERE g.x <= 3 OR g.x >= 11;
INSERT INTO training_programme_post (programme_id, post) SELECT id, 'COMMUNITY_PARTY_SECRETARY' FROM training_programme
WHERE id BETWEEN 9000000 AND 9000015;
INSERT INTO training_programme_topic (programme_id, topic) SELECT id,
       CASE WHEN id = 9000001 THEN 'GRASSROOTS_GOVERNANCE' WHEN id = 9000002 THEN 'GRID_MANAGEMENT' WHEN id = 9000003 THEN 'PARTY_THEORY'
            WHEN id = 9000000 THEN 'SERVICE_CENTRE' ELSE 'GRASSROOTS_GOVERNANCE' END
FROM training_programme WHERE id BETWEEN 9000000 AND 9000015;
INSERT INTO training_programme_topic (programme_id, topic) SELECT id, 'GRID_MANAGEMENT' FROM training_programme
WHERE id BETWEEN 9000011 AND 9000015;

-- classrooms: the bench programme's 9000000..9000020 (k = 0 main, 1 the 200-trainee one), the earlier
-- programmes' one each (9000030..32), the enrolment runs' 21 each (9000100 + 21 * run + k)
CREATE TABLE bench_city (k INT PRIMARY KEY, code BIGINT NOT NULL);
INSERT INTO bench_city (k, code) VALUES (0, 230000000000), (1, 230100000000), (2, 230200000000), (3, 230300000000),
    (4, 230400000000), (5, 230500000000), (6, 230600000000), (7, 230700000000), (8, 230800000000), (9, 230900000000),
    (10, 231000000000), (11, 231100000000), (12, 231200000000), (13, 232700000000), (14, 230102000000), (15, 230103000000),
    (16, 230104000000), (17, 230108000000), (18, 230109000000), (19, 230110000000), (20, 230111000000);
INSERT INTO training_classroom (id, programme_id, name, kind, host_name, region_code, capacity, created_at, updated_at)
SELECT 9000000 + c.k, 9000000, '压测课堂' || CAST(c.k AS VARCHAR(3)), CASE WHEN c.k = 0 THEN 'MAIN' ELSE 'BRANCH' END, '党校',
       c.code, 300, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM bench_city c;
INSERT INTO training_classroom (id, programme_id, name, kind, host_name, region_code, capacity, created_at, updated_at)
SELECT 9000030 + g.x, 9000001 + g.x, '往期课堂', 'MAIN', '党校', 230000000000, 3000, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM generate_series(0, 2) AS g(x);
INSERT INTO training_classroom (id, programme_id, name, kind, host_name, region_code, capacity, created_at, updated_at)
SELECT 9000100 + 21 * r.x + c.k, 9000011 + r.x, '报名课堂' || CAST(c.k AS VARCHAR(3)), CASE WHEN c.k = 0 THEN 'MAIN' ELSE 'BRANCH' END,
       '党校', c.code, 300, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
FROM bench_city c CROSS JOIN generate_series(0, 4) AS r(x);

-- 8,160 earlier enrolments; the GRID_MANAGEMENT one (200 days ago) counts only for a quarter (the rest excused)
INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status, created_at)
SELECT 9000001 + g.x, 9000030 + g.x, p.id, p.name, p.region_code,
       CASE WHEN g.x = 1 AND MOD(p.id, 4) <> 0 THEN 'EXCUSED' ELSE 'CONFIRMED' END, CURRENT_TIMESTAMP
FROM person p CROSS JOIN generate_series(0, 2) AS g(x) WHERE p.id BETWEEN 90000000 AND 90002719;

-- the bench programme: 200 trainees in classroom 1, the others spread over the other 20
INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status, created_at)
SELECT 9000000, 9000000 + CASE WHEN n.n < 200 THEN 1 WHEN MOD(n.n - 200, 20) = 0 THEN 0 ELSE MOD(n.n - 200, 20) + 1 END,
       90000000 + n.n, '书记' || CAST(n.n AS VARCHAR(10)),
       (SELECT region_code FROM person WHERE id = 90000000 + n.n), 'CONFIRMED', CURRENT_TIMESTAMP
FROM bench_n n;
INSERT INTO training_plan (id, classroom_id, version_no, status, created_by, created_at, submitted_by, submitted_at,
    reviewed_by, reviewed_at)
SELECT 9000000 + c.k, 9000000 + c.k, 1, 'APPROVED', 'bench', CURRENT_TIMESTAMP, 'bench', CURRENT_TIMESTAMP, 'bench',
       CURRENT_TIMESTAMP FROM bench_city c;
-- 40 sessions of 2 hours: 8 a day over the programme's 5 days
INSERT INTO training_session (id, plan_id, line_key, session_date, start_time, end_time, hours, title, course_type, delivery)
SELECT 9000000 + 100 * c.k + s.x, 9000000 + c.k, s.x, CURRENT_DATE - 2 + CAST(s.x / 8 AS INT),
       CAST(CASE MOD(s.x, 8) WHEN 0 THEN '07:00' WHEN 1 THEN '08:00' WHEN 2 THEN '09:00' WHEN 3 THEN '10:00' WHEN 4 THEN '13:00'
            WHEN 5 THEN '14:00' WHEN 6 THEN '15:00' ELSE '16:00' END AS TIME),
       CAST(CASE MOD(s.x, 8) WHEN 0 THEN '07:55' WHEN 1 THEN '08:55' WHEN 2 THEN '09:55' WHEN 3 THEN '10:55' WHEN 4 THEN '13:55'
            WHEN 5 THEN '14:55' WHEN 6 THEN '15:55' ELSE '16:55' END AS TIME),
       2, '压测课程' || CAST(s.x AS VARCHAR(3)), CASE WHEN MOD(s.x, 2) = 0 THEN 'CASE' ELSE 'THEORY' END, 'OFFLINE'
FROM bench_city c CROSS JOIN generate_series(0, 39) AS s(x);

-- 50 single-choice questions (answer A), a closed baseline and 5 open finals of all 50
INSERT INTO training_question (id, programme_id, kind, stem, options, answer, topic, max_mark, created_at)
SELECT 9000000 + q.x, 9000000, 'SINGLE', '压测题目' || CAST(q.x AS VARCHAR(3)), 'A甲
B乙
C丙
D丁', 'A', 'SERVICE_CENTRE', 2, CURRENT_TIMESTAMP FROM generate_series(0, 49) AS q(x);
INSERT INTO training_test (id, programme_id, kind, title, opens_at, closes_at, created_at)
SELECT 9000000 + t.x, 9000000, CASE WHEN t.x = 0 THEN 'BASELINE' ELSE 'FINAL' END, '压测测试' || CAST(t.x AS VARCHAR(3)),
       CASE WHEN t.x = 0 THEN CURRENT_TIMESTAMP - INTERVAL '10' DAY ELSE CURRENT_TIMESTAMP - INTERVAL '1' DAY END,
       CASE WHEN t.x = 0 THEN CURRENT_TIMESTAMP - INTERVAL '3' DAY ELSE CURRENT_TIMESTAMP + INTERVAL '2' DAY END,
       CURRENT_TIMESTAMP FROM generate_series(0, 5) AS t(x);
INSERT INTO training_test_question (test_id, question_id, position)
SELECT 9000000 + t.x, 9000000 + q.x, q.x FROM generate_series(0, 5) AS t(x) CROSS JOIN generate_series(0, 49) AS q(x);
INSERT INTO training_submission (id, test_id, person_id, classroom_id, submitted_at)
SELECT 90000000 + e.person_id - 90000000, 9000000, e.person_id, e.classroom_id, CURRENT_TIMESTAMP - INTERVAL '4' DAY
FROM training_enrolment e WHERE e.programme_id = 9000000;
INSERT INTO training_answer (submission_id, question_id, response, mark, marked_by)
SELECT s.id, 9000000 + q.x, CASE WHEN MOD(s.id + q.x, 3) = 0 THEN 'B' ELSE 'A' END,
       CASE WHEN MOD(s.id + q.x, 3) = 0 THEN 0 ELSE 2 END, 'auto'
FROM training_submission s CROSS JOIN generate_series(0, 49) AS q(x) WHERE s.test_id = 9000000;

-- the 200-trainee classroom's head teacher's appraisal: all passed (certificates follow the final tests)
INSERT INTO training_appraisal (enrolment_id, passed, comment, appraised_by, appraised_at)
SELECT id, TRUE, '合格', 'bench', CURRENT_TIMESTAMP FROM training_enrolment WHERE classroom_id = 9000001;

DROP TABLE bench_city;
DROP TABLE bench_n;
DROP TABLE bench_community;

UPDATE person_count SET people = (SELECT COUNT(*) FROM person p WHERE p.region_code = person_count.region_code);
UPDATE person_count pc SET people_below = (
    SELECT COALESCE(SUM(c.people), 0) FROM person_count c
    WHERE c.region_code BETWEEN pc.region_code AND CASE
        WHEN MOD(pc.region_code, 10000000000) = 0 THEN pc.region_code + 9999999999
        WHEN MOD(pc.region_code, 100000000) = 0 THEN pc.region_code + 99999999
        WHEN MOD(pc.region_code, 1000000) = 0 THEN pc.region_code + 999999
        WHEN MOD(pc.region_code, 1000) = 0 THEN pc.region_code + 999
        ELSE pc.region_code END);
