package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * Tests (训前摸底, 随堂测试, 结业测试): a programme's question bank, tests open in a time window, a
 * trainee's one submission (choice questions marked at once, short answers by a marker), and the
 * statistics over the submissions the caller may see as an officer or staff.
 */
@Service
public class ExamService {

	public record Question(long id, long programmeId, QuestionKind kind, String stem, List<String> options,
			String answer, TopicCategory topic, BigDecimal maxMark) {
	}

	public record QuestionDraft(QuestionKind kind, String stem, List<String> options, String answer,
			TopicCategory topic, BigDecimal maxMark) {
	}

	public record Test(long id, long programmeId, TestKind kind, String title, Instant opensAt, Instant closesAt,
			List<Long> questionIds) {
	}

	public record Answer(Long questionId, String response) {
	}

	public record Result(long submissionId, BigDecimal score, BigDecimal maxScore, boolean fullyMarked) {
	}

	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate batch;
	private final ProgrammeService programmes;
	private final TrainingAccess access;
	private final ClassroomRepository classrooms;
	private final CurrentUser user;
	private final AuditLog audit;

	ExamService(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ProgrammeService programmes, TrainingAccess access,
			ClassroomRepository classrooms, CurrentUser user, AuditLog audit) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.programmes = programmes;
		this.access = access;
		this.classrooms = classrooms;
		this.user = user;
		this.audit = audit;
	}

	// ------------------------------------------------------------------ question bank

	@Transactional
	public Question addQuestion(long programmeId, QuestionDraft d) {
		Programme p = programmes.requireManageable(programmeId);
		List<FieldError> errors = new ArrayList<>();
		String answer = checkQuestion(d, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = insertQuestion(programmeId, d, answer);
		audit.action("TRAINING_QUESTION_CREATE").target("training_question", id).region(p.sponsorRegionCode())
			.after(mapOf("kind", d.kind().name(), "stem", d.stem().trim(), "maxMark", d.maxMark().toPlainString())).record();
		return question(id);
	}

	long insertQuestion(long programmeId, QuestionDraft d, String answer) {
		List<String> options = d.options() == null ? List.of() : d.options().stream().map(String::trim).toList();
		return Sql.insert(jdbc.sql("""
				INSERT INTO training_question (programme_id, kind, stem, options, answer, topic, max_mark, created_at)
				VALUES (:p, :kind, :stem, :options, :answer, :topic, :max, :now)""")
			.param("p", programmeId).param("kind", d.kind().name()).param("stem", d.stem().trim())
			.param("options", options.isEmpty() ? null : String.join("\n", options)).param("answer", answer)
			.param("topic", d.topic() == null ? null : d.topic().name()).param("max", d.maxMark()).param("now", Sql.now()));
	}

	/** Checks a question and returns its answer in normal form (A / A,C / T / F / reference text). */
	static String checkQuestion(QuestionDraft d, List<FieldError> errors) {
		Checks.required(d.kind(), "kind", errors);
		Checks.text(d.stem(), "stem", true, 1000, errors);
		Checks.decimal(d.maxMark(), "maxMark", new BigDecimal("0.5"), new BigDecimal("100"), 1, errors);
		List<String> options = d.options() == null ? List.of() : d.options();
		if (d.kind() == null) {
			return null;
		}
		if (!d.kind().autoMarked() || d.kind() == QuestionKind.TRUE_FALSE) {
			if (!options.isEmpty()) {
				errors.add(new FieldError("options", "training.question.noOptions"));
			}
		}
		switch (d.kind()) {
			case SINGLE, MULTIPLE -> {
				if (options.size() < 2 || options.size() > 8 || options.stream().anyMatch(o -> o == null || o.isBlank()
						|| o.length() > 200 || o.contains("\n"))) {
					errors.add(new FieldError("options", "training.question.options"));
					return null;
				}
				String a = normalChoice(d.answer(), options.size());
				if (a == null || (d.kind() == QuestionKind.SINGLE && a.contains(","))) {
					errors.add(new FieldError("answer", "training.question.answer"));
				}
				return a;
			}
			case TRUE_FALSE -> {
				String a = normalTrueFalse(d.answer());
				if (a == null) {
					errors.add(new FieldError("answer", "training.question.answer"));
				}
				return a;
			}
			default -> {
				return Checks.text(d.answer(), "answer", true, 1000, errors);
			}
		}
	}

	/** Letters A.. within the option count, upper-cased, sorted, comma-joined; null when not such. */
	static String normalChoice(String text, int options) {
		if (text == null || text.isBlank() || text.length() > 40) {
			return null;
		}
		TreeSet<Character> letters = new TreeSet<>();
		for (char ch : text.toUpperCase(Locale.ROOT).toCharArray()) {
			if (ch == ',' || ch == ' ' || ch == '，') {
				continue;
			}
			if (ch < 'A' || ch >= 'A' + options) {
				return null;
			}
			letters.add(ch);
		}
		if (letters.isEmpty()) {
			return null;
		}
		StringBuilder s = new StringBuilder();
		for (char ch : letters) {
			s.append(s.isEmpty() ? "" : ",").append(ch);
		}
		return s.toString();
	}

	static String normalTrueFalse(String text) {
		if (text == null) {
			return null;
		}
		return switch (text.trim().toUpperCase(Locale.ROOT)) {
			case "T", "TRUE", "对", "正确", "√" -> "T";
			case "F", "FALSE", "错", "错误", "×" -> "F";
			default -> null;
		};
	}

	public List<Question> questions(long programmeId) {
		programmes.requireManageable(programmeId);
		return jdbc.sql(QUESTION + " WHERE programme_id = :p ORDER BY id").param("p", programmeId)
			.query((rs, n) -> mapQuestion(rs)).list();
	}

	private static final String QUESTION = "SELECT id, programme_id, kind, stem, options, answer, topic, max_mark FROM training_question";

	Question question(long id) {
		return jdbc.sql(QUESTION + " WHERE id = :id").param("id", id).query((rs, n) -> mapQuestion(rs)).single();
	}

	static Question mapQuestion(java.sql.ResultSet rs) throws java.sql.SQLException {
		String options = rs.getString("options");
		String topic = rs.getString("topic");
		return new Question(rs.getLong("id"), rs.getLong("programme_id"), QuestionKind.valueOf(rs.getString("kind")),
				rs.getString("stem"), options == null ? List.of() : Arrays.asList(options.split("\n")),
				rs.getString("answer"), topic == null ? null : TopicCategory.valueOf(topic), rs.getBigDecimal("max_mark"));
	}

	// ------------------------------------------------------------------ tests

	@Transactional
	public Test createTest(long programmeId, TestKind kind, String title, OffsetDateTime opensAt, OffsetDateTime closesAt,
			List<Long> questionIds) {
		Programme p = programmes.requireManageable(programmeId);
		List<FieldError> errors = new ArrayList<>();
		Checks.required(kind, "kind", errors);
		String t = Checks.text(title, "title", true, 200, errors);
		Checks.required(opensAt, "opensAt", errors);
		Checks.required(closesAt, "closesAt", errors);
		if (opensAt != null && closesAt != null && !closesAt.isAfter(opensAt)) {
			errors.add(new FieldError("closesAt", "training.session.endBeforeStart"));
		}
		List<Long> ids = questionIds == null ? List.of() : questionIds.stream().distinct().toList();
		if (ids.isEmpty() || ids.size() > 200 || ids.contains(null)) {
			errors.add(new FieldError("questionIds", "training.test.questions"));
		}
		else {
			long ours = jdbc.sql("SELECT COUNT(*) FROM training_question WHERE programme_id = :p AND id IN (:ids)")
				.param("p", programmeId).param("ids", ids).query(Long.class).single();
			if (ours != ids.size()) {
				errors.add(new FieldError("questionIds", "training.test.questions"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_test (programme_id, kind, title, opens_at, closes_at, created_at)
				VALUES (:p, :kind, :title, :opens, :closes, :now)""")
			.param("p", programmeId).param("kind", kind.name()).param("title", t).param("opens", opensAt)
			.param("closes", closesAt).param("now", Sql.now()));
		for (int i = 0; i < ids.size(); i++) {
			jdbc.sql("INSERT INTO training_test_question (test_id, question_id, position) VALUES (:t, :q, :pos)")
				.param("t", id).param("q", ids.get(i)).param("pos", i).update();
		}
		audit.action("TRAINING_TEST_CREATE").target("training_test", id).region(p.sponsorRegionCode())
			.after(mapOf("kind", kind.name(), "title", t, "questions", ids.size())).record();
		return test(id);
	}

	/** The programme's tests, for anyone who sees the programme. */
	public List<Test> tests(long programmeId) {
		programmes.get(programmeId);
		return jdbc.sql("SELECT id FROM training_test WHERE programme_id = :p ORDER BY opens_at, id").param("p", programmeId)
			.query(Long.class).list().stream().map(this::test).toList();
	}

	Test test(long id) {
		List<Long> questions = jdbc.sql("SELECT question_id FROM training_test_question WHERE test_id = :t ORDER BY position")
			.param("t", id).query(Long.class).list();
		return jdbc.sql("SELECT id, programme_id, kind, title, opens_at, closes_at FROM training_test WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> new Test(rs.getLong("id"), rs.getLong("programme_id"), TestKind.valueOf(rs.getString("kind")),
					rs.getString("title"), Sql.instant(rs, "opens_at"), Sql.instant(rs, "closes_at"), questions))
			.optional().orElseThrow(() -> new NotFoundException("no test " + id));
	}

	// ------------------------------------------------------------------ taking and marking

	public record PaperView(Test test, List<Question> questions) {
	}

	/** The test's questions in order, for anyone who sees the programme; the caller strips the answers. */
	public PaperView paper(long testId) {
		Test t = test(testId);
		programmes.get(t.programmeId());
		Map<Long, Question> byId = new HashMap<>();
		jdbc.sql(QUESTION + " WHERE id IN (:ids)").param("ids", t.questionIds()).query((rs, n) -> mapQuestion(rs)).list()
			.forEach(q -> byId.put(q.id(), q));
		return new PaperView(t, t.questionIds().stream().map(byId::get).toList());
	}

	/** The trainee's one submission, within the window; choice questions are marked at once. */
	@Transactional
	public Result submit(long testId, List<Answer> answers) {
		Test t = test(testId);
		long me = access.me();
		Long classroom = jdbc.sql("SELECT classroom_id FROM training_enrolment WHERE programme_id = :p AND person_id = :me"
				+ " AND status = 'CONFIRMED'").param("p", t.programmeId()).param("me", me).query(Long.class).optional()
			.orElseThrow(() -> new ForbiddenException("you are not a trainee of this programme"));
		Instant now = Instant.now();
		if (now.isBefore(t.opensAt()) || now.isAfter(t.closesAt())) {
			throw new ConflictException("the test is not open now");
		}
		Map<Long, Question> questions = new LinkedHashMap<>();
		jdbc.sql(QUESTION + " WHERE id IN (:ids)").param("ids", t.questionIds()).query((rs, n) -> mapQuestion(rs)).list()
			.forEach(q -> questions.put(q.id(), q));
		List<FieldError> errors = new ArrayList<>();
		Map<Long, String> given = new HashMap<>();
		List<Answer> list = answers == null ? List.of() : answers;
		for (int i = 0; i < list.size(); i++) {
			Answer a = list.get(i);
			if (a == null || a.questionId() == null || !questions.containsKey(a.questionId())) {
				errors.add(new FieldError("answers[" + i + "].questionId", "training.test.notInTest"));
			}
			else if (given.put(a.questionId(), a.response()) != null) {
				errors.add(new FieldError("answers[" + i + "].questionId", "training.attendance.duplicate"));
			}
			else if (a.response() != null && a.response().length() > 2000) {
				errors.add(new FieldError("answers[" + i + "].response", "validation.tooLong"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (jdbc.sql("SELECT COUNT(*) FROM training_submission WHERE test_id = :t AND person_id = :me").param("t", testId)
			.param("me", me).query(Long.class).single() > 0) {
			throw new ConflictException("you have already taken this test");
		}
		long submission = Sql.insert(jdbc.sql("""
				INSERT INTO training_submission (test_id, person_id, classroom_id, submitted_at)
				VALUES (:t, :me, :c, :now)""").param("t", testId).param("me", me).param("c", classroom).param("now", Sql.now()));
		List<MapSqlParameterSource> rows = new ArrayList<>();
		for (Question q : questions.values()) {
			String response = given.get(q.id());
			BigDecimal mark = q.kind().autoMarked() ? autoMark(q, response) : null;
			rows.add(new MapSqlParameterSource().addValue("s", submission).addValue("q", q.id())
				.addValue("r", response).addValue("m", mark).addValue("by", mark == null ? null : "auto"));
		}
		batch.batchUpdate("INSERT INTO training_answer (submission_id, question_id, response, mark, marked_by)"
				+ " VALUES (:s, :q, :r, :m, :by)", rows.toArray(MapSqlParameterSource[]::new));
		return result(submission);
	}

	static BigDecimal autoMark(Question q, String response) {
		String normal = switch (q.kind()) {
			case TRUE_FALSE -> normalTrueFalse(response);
			default -> normalChoice(response, q.options().size());
		};
		return q.answer().equals(normal) ? q.maxMark() : BigDecimal.ZERO;
	}

	/** A marker (or a manager of the classroom) marks a short answer. */
	@Transactional
	public Result mark(long submissionId, Long questionId, BigDecimal mark) {
		Long classroom = jdbc.sql("SELECT classroom_id FROM training_submission WHERE id = :id").param("id", submissionId)
			.query(Long.class).optional().orElseThrow(() -> new NotFoundException("no submission " + submissionId));
		boolean marker = classrooms.hasStaff(classroom, access.me(), StaffRole.MARKER)
				|| classrooms.passes(classroom, access.manageableClassroom());
		if (!marker) {
			throw new ForbiddenException("you do not mark this classroom's tests");
		}
		List<FieldError> errors = new ArrayList<>();
		Checks.required(questionId, "questionId", errors);
		Checks.decimal(mark, "mark", BigDecimal.ZERO, new BigDecimal("100"), 1, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		var q = jdbc.sql("SELECT q.kind, q.max_mark, a.mark FROM training_answer a JOIN training_question q ON q.id = a.question_id"
				+ " WHERE a.submission_id = :s AND a.question_id = :q").param("s", submissionId).param("q", questionId)
			.query((rs, n) -> new Object[] { rs.getString("kind"), rs.getBigDecimal("max_mark"), rs.getBigDecimal("mark") })
			.optional().orElseThrow(() -> InvalidInputException.of("questionId", "training.test.notInTest"));
		if (!"SHORT".equals(q[0])) {
			throw InvalidInputException.of("questionId", "training.test.autoMarked");
		}
		if (mark.compareTo((BigDecimal) q[1]) > 0) {
			throw InvalidInputException.of("mark", "training.validation.range");
		}
		jdbc.sql("UPDATE training_answer SET mark = :m, marked_by = :by WHERE submission_id = :s AND question_id = :q")
			.param("m", mark).param("by", user.username()).param("s", submissionId).param("q", questionId).update();
		audit.action("TRAINING_ANSWER_MARK").target("training_submission", submissionId)
			.before(mapOf("questionId", questionId, "mark", q[2])).after(mapOf("questionId", questionId, "mark", mark))
			.record();
		return result(submissionId);
	}

	Result result(long submission) {
		return jdbc.sql("""
				SELECT COALESCE(SUM(a.mark), 0) AS score, SUM(q.max_mark) AS max_score,
				    SUM(CASE WHEN a.mark IS NULL THEN 1 ELSE 0 END) AS unmarked
				FROM training_answer a JOIN training_question q ON q.id = a.question_id WHERE a.submission_id = :s""")
			.param("s", submission)
			.query((rs, n) -> new Result(submission, rs.getBigDecimal("score"), rs.getBigDecimal("max_score"),
					rs.getLong("unmarked") == 0))
			.single();
	}

	// ------------------------------------------------------------------ statistics

	/** Statistics over the fully marked submissions in the classrooms the caller sees as officer or staff. */
	public TestStatistics.Summary statistics(long testId) {
		Test t = test(testId);
		programmes.get(t.programmeId());
		var visible = access.officialClassroom();
		Map<Long, Integer> column = new HashMap<>();
		double[] max = new double[t.questionIds().size()];
		for (int i = 0; i < t.questionIds().size(); i++) {
			column.put(t.questionIds().get(i), i);
		}
		jdbc.sql("SELECT id, max_mark FROM training_question WHERE id IN (:ids)").param("ids", t.questionIds())
			.query((rs, n) -> max[column.get(rs.getLong("id"))] = rs.getDouble("max_mark")).list();
		Map<Long, double[]> rows = new LinkedHashMap<>();
		Set<Long> incomplete = new HashSet<>();
		jdbc.sql("SELECT s.id, a.question_id, a.mark FROM training_submission s"
				+ " JOIN training_classroom c ON c.id = s.classroom_id JOIN training_programme p ON p.id = c.programme_id"
				+ " JOIN training_answer a ON a.submission_id = s.id WHERE s.test_id = :t AND " + visible.sql()
				+ " ORDER BY s.id")
			.params(visible.params()).param("t", testId)
			.query((rs, n) -> {
				long s = rs.getLong("id");
				BigDecimal m = rs.getBigDecimal("mark");
				if (m == null) {
					incomplete.add(s);
				}
				else {
					rows.computeIfAbsent(s, k -> new double[max.length])[column.get(rs.getLong("question_id"))] = m.doubleValue();
				}
				return s;
			}).list();
		incomplete.forEach(rows::remove);
		return TestStatistics.of(rows.values().toArray(double[][]::new), max);
	}

	/** Question ids of a test, in order, for naming the statistics' items. */
	public List<Long> questionIds(long testId) {
		return test(testId).questionIds();
	}

	/** Baseline-to-final gain over the people with a fully marked submission in both (the latest test of each kind). */
	public TestStatistics.Gain gain(long programmeId) {
		programmes.get(programmeId);
		Long baseline = latest(programmeId, TestKind.BASELINE);
		Long fin = latest(programmeId, TestKind.FINAL);
		if (baseline == null || fin == null) {
			return TestStatistics.gain(new double[0], new double[0]);
		}
		Map<Long, Double> b = percents(baseline);
		Map<Long, Double> f = percents(fin);
		List<Long> pairs = b.keySet().stream().filter(f::containsKey).sorted().toList();
		return TestStatistics.gain(pairs.stream().mapToDouble(b::get).toArray(), pairs.stream().mapToDouble(f::get).toArray());
	}

	/** Person → percent in the programme's latest FINAL test, fully marked submissions only, not filtered by scope. */
	Map<Long, Double> finalPercents(long programmeId) {
		Long fin = latest(programmeId, TestKind.FINAL);
		Map<Long, Double> out = new HashMap<>();
		if (fin == null) {
			return out;
		}
		jdbc.sql("SELECT s.person_id, SUM(a.mark) AS score, SUM(q.max_mark) AS max_score,"
				+ " SUM(CASE WHEN a.mark IS NULL THEN 1 ELSE 0 END) AS unmarked FROM training_submission s"
				+ " JOIN training_answer a ON a.submission_id = s.id JOIN training_question q ON q.id = a.question_id"
				+ " WHERE s.test_id = :t GROUP BY s.person_id")
			.param("t", fin)
			.query((rs, n) -> rs.getLong("unmarked") == 0
					? out.put(rs.getLong("person_id"), 100 * rs.getDouble("score") / rs.getDouble("max_score")) : null)
			.list();
		return out;
	}

	private Long latest(long programmeId, TestKind kind) {
		return jdbc.sql("SELECT MAX(id) FROM training_test WHERE programme_id = :p AND kind = :k").param("p", programmeId)
			.param("k", kind.name()).query(Long.class).optional().orElse(null);
	}

	/** Person → score in percent, over fully marked submissions in the classrooms the caller sees as officer or staff. */
	private Map<Long, Double> percents(long testId) {
		var visible = access.officialClassroom();
		Map<Long, Double> out = new HashMap<>();
		jdbc.sql("SELECT s.person_id, SUM(a.mark) AS score, SUM(q.max_mark) AS max_score,"
				+ " SUM(CASE WHEN a.mark IS NULL THEN 1 ELSE 0 END) AS unmarked FROM training_submission s"
				+ " JOIN training_classroom c ON c.id = s.classroom_id JOIN training_programme p ON p.id = c.programme_id"
				+ " JOIN training_answer a ON a.submission_id = s.id JOIN training_question q ON q.id = a.question_id"
				+ " WHERE s.test_id = :t AND " + visible.sql() + " GROUP BY s.person_id")
			.params(visible.params()).param("t", testId)
			.query((rs, n) -> rs.getLong("unmarked") == 0
					? out.put(rs.getLong("person_id"), 100 * rs.getDouble("score") / rs.getDouble("max_score")) : null)
			.list();
		return out;
	}
}
