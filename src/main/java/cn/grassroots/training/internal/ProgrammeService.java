package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.PostType;
import cn.grassroots.org.Region;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;
import cn.grassroots.training.internal.ProgrammeRepository.Settings;
import cn.grassroots.training.internal.ProgrammeRepository.Summary;

/**
 * 培训班: a programme with its sponsor, dates, required hours, target posts, topic categories and
 * the settings its plan rules and duplicate-training control use. Reading needs TRAINING_READ
 * (see {@link TrainingAccess}); creating and changing needs TRAINING_MANAGE over the sponsor's region.
 */
@Service
public class ProgrammeService {

	/** What an officer types for a programme; settings left out take their defaults. */
	public record Draft(String name, Integer year, String sponsorName, String sponsorRegionCode, LocalDate startDate,
			LocalDate endDate, BigDecimal requiredHours, List<PostType> targetPosts, List<TopicCategory> topics,
			CaseShareBasis caseShareBasis, BigDecimal minCaseShare, DayOrder dayOrder, Integer liveDays,
			Integer sameTopicWindowDays, Integer summonsLimit, Integer lateAfterMinutes) {
	}

	private final ProgrammeRepository programmes;
	private final TrainingAccess access;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;

	ProgrammeService(ProgrammeRepository programmes, TrainingAccess access, OrgDirectory org, CurrentUser user,
			AuditLog audit) {
		this.programmes = programmes;
		this.access = access;
		this.org = org;
		this.user = user;
		this.audit = audit;
	}

	public PageResult<Summary> list(Integer year, SortOrder sort, PageRequest page) {
		return programmes.list(access.programme(), access.classroom(), year, sort, page);
	}

	/** A programme the caller may read: 404 when there is none, 403 when it is outside their reach. */
	public Programme get(long id) {
		Programme p = programmes.find(id).orElseThrow(() -> new NotFoundException("no programme " + id));
		if (!programmes.visible(id, access.programme())) {
			throw new ForbiddenException("the programme is outside your scope");
		}
		return p;
	}

	public boolean canManage(Programme p) {
		return access.manageScope().reachesRegion(p.sponsorRegionCode());
	}

	/** A programme the caller may change, or 403. */
	Programme requireManageable(long id) {
		Programme p = programmes.find(id).orElseThrow(() -> new NotFoundException("no programme " + id));
		if (!canManage(p)) {
			throw new ForbiddenException("the programme is outside your scope");
		}
		return p;
	}

	/** The classroom's programme, read without a scope check: the caller already holds the classroom. */
	Programme requireVisibleForUpdate(long id) {
		return programmes.find(id).orElseThrow(() -> new NotFoundException("no programme " + id));
	}

	@Transactional
	public Programme create(Draft d) {
		user.require(Permission.TRAINING_MANAGE);
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(d, errors);
		if (c.region() != null && !access.manageScope().reachesRegion(c.region().code())) {
			throw new ForbiddenException("region " + c.region().code() + " is outside your scope");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = programmes.insert(c.name(), d.year(), c.sponsorName(), c.region().code(), c.region().level().name(),
				d.startDate(), d.endDate(), d.requiredHours(), c.settings(), user.username());
		programmes.replacePostsAndTopics(id, c.posts(), c.topics());
		Programme created = programmes.find(id).orElseThrow();
		audit.action("TRAINING_PROGRAMME_CREATE").target("training_programme", id).region(c.region().code())
			.after(snapshot(created)).record();
		return created;
	}

	@Transactional
	public Programme update(long id, Draft d, Integer expectedVersion) {
		Programme before = requireManageable(id);
		programmes.lock(id);
		List<FieldError> errors = new ArrayList<>();
		Checked c = check(d, errors);
		if (c.region() != null && c.region().code() != before.sponsorRegionCode()
				&& !access.manageScope().reachesRegion(c.region().code())) {
			throw new ForbiddenException("region " + c.region().code() + " is outside your scope");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		int version = expectedVersion == null ? before.version() : expectedVersion;
		if (!programmes.update(id, c.name(), d.year(), c.sponsorName(), c.region().code(), c.region().level().name(),
				d.startDate(), d.endDate(), d.requiredHours(), c.settings(), version)) {
			throw new ConflictException("the programme was changed by someone else; reload and try again");
		}
		programmes.replacePostsAndTopics(id, c.posts(), c.topics());
		Programme after = programmes.find(id).orElseThrow();
		audit.action("TRAINING_PROGRAMME_UPDATE").target("training_programme", id).region(c.region().code())
			.before(snapshot(before)).after(snapshot(after)).record();
		return after;
	}

	private record Checked(String name, String sponsorName, Region region, Settings settings, List<String> posts,
			List<TopicCategory> topics) {
	}

	private Checked check(Draft d, List<FieldError> errors) {
		String name = Checks.text(d.name(), "name", true, 200, errors);
		Checks.range(d.year(), "year", 2000, 2100, errors);
		String sponsorName = Checks.text(d.sponsorName(), "sponsorName", true, 200, errors);
		Region region = Checks.region(org, d.sponsorRegionCode(), "sponsorRegionCode", errors);
		if (region != null && region.level() == RegionLevel.VILLAGE) {
			errors.add(new FieldError("sponsorRegionCode", "training.programme.sponsorLevel"));
			region = null;
		}
		Checks.required(d.startDate(), "startDate", errors);
		Checks.required(d.endDate(), "endDate", errors);
		long days = 0;
		if (d.startDate() != null && d.endDate() != null) {
			days = ChronoUnit.DAYS.between(d.startDate(), d.endDate()) + 1;
			if (days < 1) {
				errors.add(new FieldError("endDate", "training.programme.endBeforeStart"));
			}
			else if (days > 366) {
				errors.add(new FieldError("endDate", "training.programme.tooLong"));
			}
		}
		Checks.decimal(d.requiredHours(), "requiredHours", new BigDecimal("0.5"), new BigDecimal("2000"), 1, errors);
		List<String> posts = d.targetPosts() == null ? List.of()
				: new LinkedHashSet<>(d.targetPosts()).stream().filter(p -> p != null).map(PostType::name).toList();
		if (posts.isEmpty()) {
			errors.add(new FieldError("targetPosts", "validation.required"));
		}
		List<TopicCategory> topics = d.topics() == null ? List.of()
				: new LinkedHashSet<>(d.topics()).stream().filter(t -> t != null).toList();
		if (topics.isEmpty()) {
			errors.add(new FieldError("topics", "validation.required"));
		}
		Settings defaults = Settings.defaults();
		BigDecimal share = d.minCaseShare() == null ? defaults.minCaseShare()
				: Checks.decimal(d.minCaseShare(), "minCaseShare", BigDecimal.ZERO, BigDecimal.ONE, 3, errors);
		int liveDays = Checks.rangeOr(d.liveDays(), 0, "liveDays", 0, 30, errors);
		if (days >= 1 && liveDays > days) {
			errors.add(new FieldError("liveDays", "training.programme.liveDaysTooMany"));
		}
		Settings settings = new Settings(d.caseShareBasis() == null ? defaults.caseShareBasis() : d.caseShareBasis(),
				share, d.dayOrder() == null ? defaults.dayOrder() : d.dayOrder(), liveDays,
				Checks.rangeOr(d.sameTopicWindowDays(), defaults.sameTopicWindowDays(), "sameTopicWindowDays", 0, 3660, errors),
				Checks.rangeOr(d.summonsLimit(), defaults.summonsLimit(), "summonsLimit", 0, 50, errors),
				Checks.rangeOr(d.lateAfterMinutes(), defaults.lateAfterMinutes(), "lateAfterMinutes", 0, 240, errors));
		return new Checked(name, sponsorName, region, settings, posts, topics);
	}

	static Map<String, Object> snapshot(Programme p) {
		return mapOf("name", p.name(), "year", p.year(), "sponsorName", p.sponsorName(), "sponsorRegionCode",
				p.sponsorRegionCode(), "startDate", String.valueOf(p.startDate()), "endDate",
				String.valueOf(p.endDate()), "requiredHours", p.requiredHours().toPlainString(), "targetPosts",
				p.targetPosts(), "topics", p.topics().stream().map(Enum::name).toList(), "caseShareBasis",
				p.settings().caseShareBasis().name(), "minCaseShare", p.settings().minCaseShare().toPlainString(),
				"dayOrder", p.settings().dayOrder().name(), "liveDays", p.settings().liveDays(),
				"sameTopicWindowDays", p.settings().sameTopicWindowDays(), "summonsLimit",
				p.settings().summonsLimit(), "lateAfterMinutes", p.settings().lateAfterMinutes());
	}
}
