package cn.grassroots.surveys.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.security.AccessScope;
import tools.jackson.databind.json.JsonMapper;

/** Questionnaires and their immutable versions; versions' definitions are cached once read. */
@Repository
class QuestionnaireRepository {

	private static final String SELECT = """
			SELECT q.id, q.form_id, q.title_zh, q.title_en, q.region_code, q.anonymous, q.status, q.current_version,
			    v.id AS version_id, q.created_by, q.created_at, q.updated_at
			FROM survey_questionnaire q JOIN survey_version v ON v.questionnaire_id = q.id AND v.number = q.current_version""";

	private final JdbcClient jdbc;
	private final JsonMapper json = JsonMapper.builder().build();
	private final Map<Long, Form> forms = new ConcurrentHashMap<>();

	QuestionnaireRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	String toJson(Form form) {
		return json.writeValueAsString(form);
	}

	Form fromJson(String text) {
		return json.readValue(text, Form.class);
	}

	/**
	 * Questionnaires the scope overlaps: owned by a region inside it, or by a region containing part
	 * of it (a city officer sees the province's questionnaire, and only its own region's answers).
	 */
	static Map.Entry<String, Map<String, Object>> overlap(AccessScope scope) {
		if (scope.all()) {
			return Map.entry("1=1", Map.of());
		}
		StringBuilder sql = new StringBuilder("(q.region_code IS NULL");
		Map<String, Object> params = new HashMap<>();
		int i = 0;
		for (AccessScope.Range r : scope.regionRanges()) {
			sql.append(" OR q.region_code BETWEEN :qFrom").append(i).append(" AND :qTo").append(i)
				.append(" OR :qFrom").append(i).append(" BETWEEN q.region_code AND q.region_end");
			params.put("qFrom" + i, r.from());
			params.put("qTo" + i, r.to());
			i++;
		}
		return Map.entry(sql.append(')').toString(), params);
	}

	PageResult<Questionnaire> list(AccessScope scope, PageRequest page) {
		var where = overlap(scope);
		long total = jdbc.sql("SELECT COUNT(*) FROM survey_questionnaire q WHERE " + where.getKey())
			.params(where.getValue())
			.query(Long.class)
			.single();
		List<Questionnaire> rows = jdbc.sql(SELECT + " WHERE " + where.getKey() + " ORDER BY q.created_at DESC, q.id DESC LIMIT :limit OFFSET :offset")
			.params(where.getValue())
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(QuestionnaireRepository::map)
			.list();
		return PageResult.of(rows, page, total);
	}

	Optional<Questionnaire> find(long id) {
		return jdbc.sql(SELECT + " WHERE q.id = :id").param("id", id).query(QuestionnaireRepository::map).optional();
	}

	long insert(Form form, Long regionCode, Long regionEnd, boolean anonymous, String user) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO survey_questionnaire (form_id, title_zh, title_en, region_code, region_end, anonymous, status,
				    current_version, created_by, created_at, updated_at)
				VALUES (:formId, :zh, :en, :region, :regionEnd, :anonymous, 'DRAFT', 1, :user, :now, :now)""")
			.param("formId", form.formId())
			.param("zh", form.title().zh())
			.param("en", form.title().en())
			.param("region", regionCode)
			.param("regionEnd", regionEnd)
			.param("anonymous", anonymous)
			.param("user", user)
			.param("now", Sql.now())
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		insertVersion(id, 1, form, user);
		return id;
	}

	/** Adds the next version and makes it current; returns its number. */
	int addVersion(long id, Form form, String user) {
		int next = jdbc.sql("SELECT current_version FROM survey_questionnaire WHERE id = :id FOR UPDATE")
			.param("id", id)
			.query(Integer.class)
			.single() + 1;
		insertVersion(id, next, form, user);
		jdbc.sql("""
				UPDATE survey_questionnaire SET current_version = :v, form_id = :formId, title_zh = :zh, title_en = :en,
				    updated_at = :now, row_version = row_version + 1 WHERE id = :id""")
			.param("v", next)
			.param("formId", form.formId())
			.param("zh", form.title().zh())
			.param("en", form.title().en())
			.param("now", Sql.now())
			.param("id", id)
			.update();
		return next;
	}

	private void insertVersion(long questionnaireId, int number, Form form, String user) {
		jdbc.sql("""
				INSERT INTO survey_version (questionnaire_id, number, definition, created_by, created_at)
				VALUES (:q, :n, :d, :user, :now)""")
			.param("q", questionnaireId)
			.param("n", number)
			.param("d", toJson(form))
			.param("user", user)
			.param("now", Sql.now())
			.update();
	}

	/** The version's id, if the questionnaire has that version. */
	Optional<Long> versionId(long questionnaireId, int number) {
		return jdbc.sql("SELECT id FROM survey_version WHERE questionnaire_id = :q AND number = :n")
			.param("q", questionnaireId)
			.param("n", number)
			.query(Long.class)
			.optional();
	}

	/** The numbers and ids of a questionnaire's versions, oldest first. */
	List<long[]> versions(long questionnaireId) {
		return jdbc.sql("SELECT number, id FROM survey_version WHERE questionnaire_id = :q ORDER BY number")
			.param("q", questionnaireId)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
	}

	/** A version's definition; versions never change, so it is read once. */
	Form form(long versionId) {
		return forms.computeIfAbsent(versionId, id -> fromJson(jdbc.sql("SELECT definition FROM survey_version WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.single()));
	}

	private static Questionnaire map(ResultSet rs, int n) throws SQLException {
		return new Questionnaire(rs.getLong("id"), rs.getString("form_id"),
				new Label(rs.getString("title_zh"), rs.getString("title_en")), Sql.nullableLong(rs, "region_code"),
				rs.getBoolean("anonymous"), rs.getString("status"), rs.getInt("current_version"), rs.getLong("version_id"),
				rs.getString("created_by"), Sql.instant(rs, "created_at"),
				Sql.instant(rs, "updated_at"));
	}
}
