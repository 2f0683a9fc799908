package cn.grassroots.surveys.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * The governance dictionary (治理词典) of the open-text analysis: terms such as 网格员, 吹哨报到, 接诉即办,
 * 小马拉大车 that the segmenter keeps whole. Read by every analyst, changed by officers with
 * SURVEY_DESIGN; every change is audited.
 */
@Service
public class TermDictionary {

	public record DictionaryTerm(long id, String term, String createdBy, Instant createdAt) {
	}

	static final int MAX_LENGTH = 32;

	private final JdbcClient jdbc;
	private final CurrentUser user;
	private final AuditLog audit;

	TermDictionary(JdbcClient jdbc, CurrentUser user, AuditLog audit) {
		this.jdbc = jdbc;
		this.user = user;
		this.audit = audit;
	}

	List<String> words() {
		return jdbc.sql("SELECT term FROM survey_term ORDER BY term").query(String.class).list();
	}

	/** Every term, alphabetically (any analyst). */
	public List<DictionaryTerm> list() {
		user.require(Permission.SURVEY_ANALYSE);
		return jdbc.sql("SELECT id, term, created_by, created_at FROM survey_term ORDER BY term")
			.query((rs, n) -> new DictionaryTerm(rs.getLong(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "created_at")))
			.list();
	}

	/** Adds a term: 2–32 characters, letters and digits only (Chinese, Latin), not yet in the dictionary. */
	@Transactional
	public DictionaryTerm add(String text) {
		user.require(Permission.SURVEY_DESIGN);
		String term = text == null ? "" : text.strip();
		if (term.isEmpty()) {
			throw InvalidInputException.of("term", "validation.required");
		}
		if (term.codePointCount(0, term.length()) < 2 || term.length() > MAX_LENGTH
				|| !term.codePoints().allMatch(Character::isLetterOrDigit)) {
			throw InvalidInputException.of("term", "surveys.term.invalid");
		}
		Instant now = Instant.now();
		long id;
		try {
			id = Sql.insert(jdbc.sql("INSERT INTO survey_term (term, created_by, created_at) VALUES (:term, :by, :at)")
				.param("term", term).param("by", user.username()).param("at", Sql.utc(now)));
		}
		catch (DuplicateKeyException e) {
			throw InvalidInputException.of("term", "surveys.term.exists");
		}
		audit.action("SURVEY_TERM_ADD").target("survey_term", id).after(Map.of("term", term)).record();
		return new DictionaryTerm(id, term, user.username(), now);
	}

	/** Removes a term; 404 when there is none with the id. */
	@Transactional
	public void remove(long id) {
		user.require(Permission.SURVEY_DESIGN);
		String term = jdbc.sql("SELECT term FROM survey_term WHERE id = :id FOR UPDATE").param("id", id).query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("no dictionary term " + id));
		if (jdbc.sql("DELETE FROM survey_term WHERE id = :id").param("id", id).update() != 1) {
			throw new ConflictException("the term was removed meanwhile");
		}
		audit.action("SURVEY_TERM_REMOVE").target("survey_term", id).before(Map.of("term", term)).record();
	}
}
