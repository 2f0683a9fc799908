-- A programme at the issue's scale for the dashboards, coverage and records (PostgreSQL):
-- 2,720 community party secretaries in the roster (one in twenty appointed after the programme
-- began), 1 main + 20 branch classrooms, an approved 40-session plan each, 2,584 of them enrolled
-- (the rest left untrained), a roster mark for every trainee and session (108,000 rows), leave
-- for one in ten, and baseline and final tests of 50 questions taken by all (258,400 answers).
CREATE TEMP TABLE bv AS SELECT CAST(ROW_NUMBER() OVER (ORDER BY code) - 1 AS INT) AS rn, code FROM region
WHERE level = 'VILLAGE' AND code BETWEEN 230000000000 AND 239999999999;
INSERT INTO person (name, party_member, region_code, created_at, updated_at, version)
SELECT 'bench书记' || g.x, TRUE, (SELECT code FROM bv WHERE rn = g.x * 5), now(), now(), 0 FROM generate_series(0, 2719) g(x);
INSERT INTO post_assignment (person_id, post, region_code, start_date, created_at)
SELECT id, 'COMMUNITY_PARTY_SECRETARY', region_code,
       CASE WHEN MOD(id, 20) = 0 THEN DATE '2026-08-01' ELSE DATE '2020-01-01' END, now()
FROM person WHERE name LIKE 'bench书记%';

INSERT INTO training_programme (name, programme_year, sponsor_name, sponsor_region_code, sponsor_level, start_date,
    end_date, required_hours, created_by, created_at, updated_at)
VALUES ('基准：全省社区党组织书记常态化培训班', 2026, '黑龙江省委组织部', 230000000000, 'PROVINCE', DATE '2026-06-18',
    DATE '2026-06-22', 80, 'bench', now(), now());
CREATE TEMP TABLE bp AS SELECT MAX(id) AS id FROM training_programme WHERE created_by = 'bench';
INSERT INTO training_programme_post SELECT id, 'COMMUNITY_PARTY_SECRETARY' FROM bp;
INSERT INTO training_programme_topic SELECT id, 'GRASSROOTS_GOVERNANCE' FROM bp;

CREATE TEMP TABLE bcity AS SELECT CAST(ROW_NUMBER() OVER (ORDER BY code) - 1 AS INT) AS rn, code FROM region
WHERE level = 'CITY' AND code BETWEEN 230000000000 AND 239999999999;
INSERT INTO training_classroom (programme_id, name, kind, host_name, region_code, capacity, created_at, updated_at)
SELECT bp.id, '省主课堂', 'MAIN', '省委党校', 230000000000, 300, now(), now() FROM bp;
INSERT INTO training_classroom (programme_id, name, kind, host_name, region_code, capacity, created_at, updated_at)
SELECT bp.id, '分课堂' || g.k, 'BRANCH', '市委党校', (SELECT code FROM bcity WHERE rn = MOD(g.k, (SELECT COUNT(*) FROM bcity))),
       300, now(), now()
FROM bp, generate_series(0, 19) g(k);

INSERT INTO training_plan (classroom_id, version_no, status, created_by, created_at, reviewed_by, reviewed_at)
SELECT c.id, 1, 'APPROVED', 'bench', now(), 'bench', now() FROM training_classroom c JOIN bp ON bp.id = c.programme_id;
INSERT INTO training_session (plan_id, line_key, session_date, start_time, end_time, hours, title, course_type, delivery, topic, lecturer)
SELECT pl.id, g.s, DATE '2026-06-18' + CAST(g.s / 8 AS INT), TIME '08:00' + MOD(g.s, 8) * INTERVAL '1 hour',
       TIME '09:00' + MOD(g.s, 8) * INTERVAL '1 hour', 2, '课程' || g.s, CASE WHEN MOD(g.s, 2) = 0 THEN 'CASE' ELSE 'THEORY' END,
       'OFFLINE', CASE WHEN MOD(g.s, 2) = 0 THEN 'GRASSROOTS_GOVERNANCE' ELSE 'MASS_WORK' END, '教师' || pl.classroom_id || '-' || g.s
FROM training_plan pl JOIN training_classroom c ON c.id = pl.classroom_id JOIN bp ON bp.id = c.programme_id,
     generate_series(0, 39) g(s);

-- everyone but one in twenty, into the first branch classroom of their city
INSERT INTO training_enrolment (programme_id, classroom_id, person_id, person_name, region_code, status, created_at)
SELECT bp.id, (SELECT MIN(c.id) FROM training_classroom c WHERE c.programme_id = bp.id AND c.kind = 'BRANCH'
               AND p.region_code BETWEEN c.region_code AND c.region_code + 99999999), p.id, p.name, p.region_code, 'CONFIRMED', now()
FROM person p, bp WHERE p.name LIKE 'bench书记%' AND MOD(p.id, 20) <> 1;
DELETE FROM training_enrolment WHERE classroom_id IS NULL;

INSERT INTO training_attendance (session_id, person_id, status, method, marked_by, marked_at)
SELECT s.id, e.person_id,
       CASE WHEN MOD(e.person_id + s.line_key, 29) = 0 THEN 'EXCUSED' WHEN MOD(e.person_id + s.line_key, 23) = 0 THEN 'ABSENT'
            WHEN MOD(e.person_id + s.line_key, 17) = 0 THEN 'LATE' ELSE 'PRESENT' END, 'ROSTER', 'bench', now()
FROM training_enrolment e JOIN bp ON bp.id = e.programme_id
JOIN training_plan pl ON pl.classroom_id = e.classroom_id JOIN training_session s ON s.plan_id = pl.id;

INSERT INTO training_leave (enrolment_id, classroom_id, person_id, from_date, to_date, reason, status, requested_at)
SELECT e.id, e.classroom_id, e.person_id, DATE '2026-06-20', DATE '2026-06-20', '家中有事',
       CASE WHEN MOD(e.person_id, 20) = 0 THEN 'PENDING' ELSE 'APPROVED' END, now()
FROM training_enrolment e JOIN bp ON bp.id = e.programme_id WHERE MOD(e.person_id, 10) = 0;

INSERT INTO training_question (programme_id, kind, stem, options, answer, topic, max_mark, created_at)
SELECT bp.id, 'SINGLE', '基准题' || g.q, 'A|B|C|D', 'A', 'GRASSROOTS_GOVERNANCE', 2, now() FROM bp, generate_series(1, 50) g(q);
INSERT INTO training_test (programme_id, kind, title, opens_at, closes_at, created_at)
SELECT bp.id, k.kind, k.kind, now() - INTERVAL '1 day', now() + INTERVAL '1 day', now()
FROM bp, (SELECT 'BASELINE' AS kind UNION ALL SELECT 'FINAL') k;
INSERT INTO training_test_question (test_id, question_id, position)
SELECT t.id, q.id, CAST(ROW_NUMBER() OVER (PARTITION BY t.id ORDER BY q.id) AS INT)
FROM training_test t JOIN bp ON bp.id = t.programme_id JOIN training_question q ON q.programme_id = bp.id;
INSERT INTO training_submission (test_id, person_id, classroom_id, submitted_at)
SELECT t.id, e.person_id, e.classroom_id, now()
FROM training_test t JOIN bp ON bp.id = t.programme_id JOIN training_enrolment e ON e.programme_id = bp.id;
INSERT INTO training_answer (submission_id, question_id, response, mark, marked_by)
SELECT s.id, q.question_id, 'A',
       CASE WHEN t.kind = 'BASELINE' THEN CASE WHEN MOD(s.person_id * q.question_id, 3) = 0 THEN 2 ELSE 0 END
            ELSE CASE WHEN MOD(s.person_id * q.question_id, 4) <> 0 THEN 2 ELSE 0 END END, 'bench'
FROM training_submission s JOIN training_test t ON t.id = s.test_id JOIN bp ON bp.id = t.programme_id
JOIN training_test_question q ON q.test_id = t.id;

INSERT INTO training_hours_requirement (region_code, post, yearly_hours, updated_by, updated_at)
VALUES (230000000000, 'COMMUNITY_PARTY_SECRETARY', 80, 'bench', now());
ANALYZE;
