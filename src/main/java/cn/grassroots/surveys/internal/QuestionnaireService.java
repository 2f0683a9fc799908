package cn.grassroots.surveys.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * Questionnaires: created from an XLSForm, changed by uploading a new version, read by whoever's
 * scope overlaps the owning region (SURVEY_DESIGN or SURVEY_ANALYSE). Designing needs SURVEY_DESIGN
 * over the whole owning region.
 */
@Service
public class QuestionnaireService {

	private final QuestionnaireRepository repository;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;

	QuestionnaireService(QuestionnaireRepository repository, OrgDirectory org, CurrentUser user, AuditLog audit) {
		this.repository = repository;
		this.org = org;
		this.user = user;
		this.audit = audit;
	}

	/** A typed division code (short or 12 digits) as the 12-digit code of an existing region. */
	public Optional<Long> regionCode(String text) {
		if (text == null || text.isBlank() || text.length() > 12) {
			return Optional.empty();
		}
		return org.region(text.strip()).map(Region::code);
	}

	/** The answer policy of a version (regions resolved through org). */
	public AnswerPolicy policy(long versionId) {
		return new AnswerPolicy(repository.form(versionId), this::regionCode);
	}

	public Form form(long versionId) {
		return repository.form(versionId);
	}

	private AccessScope readScope() {
		AccessScope design = user.scope(Permission.SURVEY_DESIGN);
		AccessScope analyse = user.scope(Permission.SURVEY_ANALYSE);
		if (design.isEmpty() && analyse.isEmpty()) {
			throw new ForbiddenException("your roles do not allow this");
		}
		if (design.all() || analyse.all()) {
			return AccessScope.EVERYTHING;
		}
		var ranges = new java.util.ArrayList<>(design.regionRanges());
		ranges.addAll(analyse.regionRanges());
		return new AccessScope(false, ranges, java.util.Set.of(), java.util.Set.of(), null);
	}

	public PageResult<Questionnaire> list(PageRequest page) {
		return repository.list(readScope(), page);
	}

	/** A questionnaire the caller may read; 404 when it does not exist, 403 outside the scope. */
	public Questionnaire get(long id) {
		Questionnaire q = repository.find(id).orElseThrow(() -> new NotFoundException("no questionnaire " + id));
		if (!overlaps(readScope(), q.regionCode())) {
			throw new ForbiddenException("the questionnaire is outside your scope");
		}
		return q;
	}

	static boolean overlaps(AccessScope scope, Long regionCode) {
		return regionCode == null || scope.overlapsRegion(regionCode);
	}

	/** Whether the caller may change the questionnaire (SURVEY_DESIGN over its whole region). */
	public boolean canDesign(Questionnaire q) {
		AccessScope design = user.scope(Permission.SURVEY_DESIGN);
		return q.regionCode() == null ? design.all() : design.coversRegion(q.regionCode());
	}

	/** A version of a readable questionnaire (its current one when {@code number} is null). */
	public Form form(long id, Integer number) {
		Questionnaire q = get(id);
		if (number == null) {
			return repository.form(q.currentVersionId());
		}
		long versionId = repository.versionId(id, number)
			.orElseThrow(() -> new NotFoundException("questionnaire " + id + " has no version " + number));
		return repository.form(versionId);
	}

	/**
	 * Creates a questionnaire from an XLSForm, owned by {@code regionText} (default: the region
	 * of the caller's design grant). Nothing is created when the form is refused.
	 */
	@Transactional
	public long create(InputStream xlsform, String regionText, Boolean anonymous) throws IOException {
		AccessScope design = user.require(Permission.SURVEY_DESIGN);
		Long region = null;
		if (regionText != null && !regionText.isBlank()) {
			region = regionCode(regionText).orElseThrow(() -> InvalidInputException.of("region", "surveys.region.unknown"));
			if (!design.coversRegion(region)) {
				throw new ForbiddenException("region " + region + " is outside your scope");
			}
		}
		else if (!design.all()) {
			region = design.regionRanges().isEmpty() ? null : design.regionRanges().get(0).from();
			if (region == null) {
				throw new ForbiddenException("your design grant is not over a region");
			}
		}
		Form form = Xlsform.read(xlsform);
		Long regionEnd = region == null ? null : new cn.grassroots.platform.RegionCode(region).subtreeEnd();
		boolean anon = anonymous == null || anonymous;
		long id = repository.insert(form, region, regionEnd, anon, user.username());
		audit.action("SURVEY_CREATE").target("questionnaire", id).region(region).after(snapshot(form, 1, anon)).record();
		return id;
	}

	/** Uploads a new version; answers already given keep theirs. */
	@Transactional
	public int newVersion(long id, InputStream xlsform) throws IOException {
		Questionnaire q = get(id);
		if (!canDesign(q)) {
			throw new ForbiddenException("the questionnaire is outside your design scope");
		}
		Form form = Xlsform.read(xlsform);
		Form before = repository.form(q.currentVersionId());
		int number = repository.addVersion(id, form, user.username());
		audit.action("SURVEY_VERSION").target("questionnaire", id).region(q.regionCode())
			.before(snapshot(before, q.currentVersion(), q.anonymous()))
			.after(snapshot(form, number, q.anonymous()))
			.record();
		return number;
	}

	private static Map<String, Object> snapshot(Form form, int version, boolean anonymous) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("formId", form.formId());
		m.put("title", form.title().zh());
		m.put("version", version);
		m.put("questions", form.questions().size());
		m.put("anonymous", anonymous);
		return m;
	}
}
