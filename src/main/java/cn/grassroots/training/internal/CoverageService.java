package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.PostHolding;
import cn.grassroots.org.PostType;
import cn.grassroots.org.Region;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * ProgrammeCoverage (全覆盖, 常态化) of a programme: the target is everyone in the roster holding one of its
 * target posts today; each is trained (a confirmed enrolment in the programme), in make-up
 * (补训: an enrolment in a later classroom or programme made for this one, confirmed or pending),
 * or untrained. Newly appointed are holders whose post began after the programme started. CoverageCounts
 * are given for the region and for each region one level below it (drill-down); the roster part
 * is read through the org facade within the caller's scope, everything else in grouped reads.
 */
@Service
public class CoverageService {

	public enum CoverageState {
		TRAINED, MAKE_UP, UNTRAINED
	}

	public record CoverageCounts(int target, int trained, int makeUp, int untrained, int newlyAppointed) {

		/** Trained or in make-up, over the target; null without a target. */
		public Double rate() {
			return target == 0 ? null : (double) (trained + makeUp) / target;
		}
	}

	public record CoverageAreaLine(long code, String name, CoverageCounts counts) {
	}

	public record CoveragePersonLine(long personId, String personName, long regionCode, String areaName, List<PostType> posts,
			LocalDate postStart, boolean newlyAppointed, CoverageState state) {
	}

	public record MakeUpEnrolmentLine(long enrolmentId, long personId, String personName, long programmeId,
			String programmeName, String classroomName, String status) {
	}

	public record ProgrammeCoverage(long programmeId, String programmeName, LocalDate cycleStart, long regionCode,
			String regionName, String regionPath, Long parentRegionCode, CoverageCounts totals, List<CoverageAreaLine> areas,
			List<CoveragePersonLine> untrained, List<MakeUpEnrolmentLine> makeUps) {
	}

	/** What one make-up run did. */
	public record MakeUpOutcome(int asked, int enrolled, int confirmed, int pending, int alreadyEnrolled) {
	}

	/** A classroom a make-up can go to: of this or a later programme, managed by the caller. */
	public record MakeUpTarget(long classroomId, String classroomName, long programmeId, String programmeName,
			LocalDate startDate) {
	}

	private final JdbcClient jdbc;
	private final OrgDirectory org;
	private final ProgrammeService programmes;
	private final ClassroomRepository classrooms;
	private final EnrolmentService enrolments;
	private final TrainingAccess access;
	private final CurrentUser user;
	private final AuditLog audit;

	CoverageService(JdbcClient jdbc, OrgDirectory org, ProgrammeService programmes, ClassroomRepository classrooms,
			EnrolmentService enrolments, TrainingAccess access, CurrentUser user, AuditLog audit) {
		this.jdbc = jdbc;
		this.org = org;
		this.programmes = programmes;
		this.classrooms = classrooms;
		this.enrolments = enrolments;
		this.access = access;
		this.user = user;
		this.audit = audit;
	}

	/** The coverage of the programme under a region (by default the sponsor's, or the caller's first region). */
	public ProgrammeCoverage coverage(long programmeId, String regionCode) {
		user.require(Permission.TRAINING_READ);
		Programme p = programmes.get(programmeId);
		Region region = region(p, regionCode);
		EnumSet<PostType> posts = EnumSet.noneOf(PostType.class);
		p.targetPosts().forEach(x -> posts.add(PostType.valueOf(x)));
		List<PostHolding> holdings = org.postHoldings(posts, region.code(), LocalDate.now());

		Set<Long> trained = new HashSet<>(jdbc.sql("SELECT person_id FROM training_enrolment WHERE programme_id = :p"
				+ " AND status = 'CONFIRMED'").param("p", p.id()).query(Long.class).list());
		List<MakeUpEnrolmentLine> makeUps = jdbc.sql("""
				SELECT e.id, e.person_id, e.person_name, e.programme_id, q.name AS programme_name, c.name AS classroom_name,
				    e.status, e.region_code
				FROM training_enrolment e JOIN training_programme q ON q.id = e.programme_id
				JOIN training_classroom c ON c.id = e.classroom_id
				WHERE e.make_up_for_programme_id = :p AND e.status IN ('CONFIRMED', 'PENDING')
				    AND e.region_code BETWEEN :from AND :to
				ORDER BY e.region_code, e.person_name, e.id""")
			.param("p", p.id()).param("from", region.code()).param("to", new RegionCode(region.code()).subtreeEnd())
			.query((rs, n) -> new MakeUpEnrolmentLine(rs.getLong("id"), rs.getLong("person_id"), rs.getString("person_name"),
					rs.getLong("programme_id"), rs.getString("programme_name"), rs.getString("classroom_name"),
					rs.getString("status")))
			.list();
		Set<Long> madeUp = new HashSet<>();
		makeUps.forEach(m -> madeUp.add(m.personId()));

		// one line per person: the earliest post start among the target posts they hold
		Map<Long, CoveragePersonLine> people = new LinkedHashMap<>();
		Map<Long, Long> areaOf = new HashMap<>();
		Set<Long> areaCodes = new TreeSet<>();
		for (PostHolding h : holdings) {
			long area = childOf(region.code(), h.postRegionCode());
			CoveragePersonLine before = people.get(h.personId());
			LocalDate start = before == null || h.startDate().isBefore(before.postStart()) ? h.startDate() : before.postStart();
			List<PostType> held = new ArrayList<>(before == null ? List.of() : before.posts());
			held.add(h.post());
			CoverageState state = trained.contains(h.personId()) ? CoverageState.TRAINED
					: madeUp.contains(h.personId()) ? CoverageState.MAKE_UP : CoverageState.UNTRAINED;
			people.put(h.personId(), new CoveragePersonLine(h.personId(), h.personName(), h.personRegionCode(), null, held, start,
					start.isAfter(p.startDate()), state));
			areaOf.putIfAbsent(h.personId(), area);
			areaCodes.add(area);
		}
		Map<Long, String> names = new HashMap<>();
		for (long code : areaCodes) {
			names.put(code, org.region(code).map(Region::name).orElse(Long.toString(code)));
		}
		Map<Long, int[]> byArea = new LinkedHashMap<>();
		areaCodes.forEach(c -> byArea.put(c, new int[5]));
		int[] total = new int[5];
		List<CoveragePersonLine> untrained = new ArrayList<>();
		for (CoveragePersonLine x : people.values()) {
			long area = areaOf.get(x.personId());
			for (int[] counts : List.of(total, byArea.get(area))) {
				counts[0]++;
				counts[x.state().ordinal() + 1]++;
				if (x.newlyAppointed()) {
					counts[4]++;
				}
			}
			if (x.state() == CoverageState.UNTRAINED) {
				untrained.add(new CoveragePersonLine(x.personId(), x.personName(), x.regionCode(), names.get(area), x.posts(),
						x.postStart(), x.newlyAppointed(), x.state()));
			}
		}
		List<CoverageAreaLine> areas = byArea.entrySet().stream()
			.map(e -> new CoverageAreaLine(e.getKey(), names.get(e.getKey()), counts(e.getValue()))).toList();
		List<Long> chain = new RegionCode(region.code()).selfAndAncestors();
		Long parent = chain.size() > 1 && access.readScope().reachesRegion(chain.get(chain.size() - 2))
				? chain.get(chain.size() - 2) : null;
		return new ProgrammeCoverage(p.id(), p.name(), p.startDate(), region.code(), region.name(), region.path(), parent,
				counts(total), areas, untrained, makeUps);
	}

	private static CoverageCounts counts(int[] c) {
		return new CoverageCounts(c[0], c[1], c[2], c[3], c[4]);
	}

	/** The region one level below {@code parent} on the way to {@code code} (the code itself when it is the parent). */
	static long childOf(long parent, long code) {
		List<Long> chain = new RegionCode(code).selfAndAncestors();
		int i = chain.indexOf(parent);
		return i >= 0 && i + 1 < chain.size() ? chain.get(i + 1) : code;
	}

	private Region region(Programme p, String regionCode) {
		AccessScope scope = access.readScope();
		if (regionCode == null || regionCode.isBlank()) {
			if (scope.all() || scope.reachesRegion(p.sponsorRegionCode())) {
				return org.region(p.sponsorRegionCode()).orElseThrow();
			}
			return scope.regionRanges().stream().map(r -> org.region(r.from()))
				.filter(java.util.Optional::isPresent).map(java.util.Optional::get)
				.filter(r -> AccessScope.Range.of(p.sponsorRegionCode()).contains(r.code())).findFirst()
				.orElseThrow(() -> new ForbiddenException("no region of the programme is in your scope"));
		}
		List<FieldError> errors = new ArrayList<>();
		Region region = Checks.region(org, regionCode, "regionCode", errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (!scope.reachesRegion(region.code())) {
			throw new ForbiddenException("region " + region.code() + " is outside your scope");
		}
		return region;
	}

	/** Classrooms the caller manages, of this programme or one starting no earlier, for make-up enrolments. */
	public List<MakeUpTarget> makeUpTargets(long programmeId) {
		Programme p = programmes.get(programmeId);
		var manage = access.manageableClassroom();
		return jdbc.sql("SELECT c.id, c.name, p.id AS programme_id, p.name AS programme_name, p.start_date"
				+ " FROM training_classroom c JOIN training_programme p ON p.id = c.programme_id"
				+ " WHERE p.start_date >= :start AND " + manage.sql()
				+ " ORDER BY p.start_date, p.id, CASE WHEN c.kind = 'MAIN' THEN 0 ELSE 1 END, c.region_code, c.id LIMIT 500")
			.params(manage.params()).param("start", p.startDate())
			.query((rs, n) -> new MakeUpTarget(rs.getLong("id"), rs.getString("name"), rs.getLong("programme_id"),
					rs.getString("programme_name"), rs.getDate("start_date").toLocalDate()))
			.list();
	}

	/**
	 * Enrols the programme's untrained target holders under the region (or those of them picked)
	 * into a classroom of this or a later programme, each marked as make-up for this programme.
	 * The enrolment goes through the usual duplicate-training check; held ones wait as PENDING.
	 */
	@Transactional
	public MakeUpOutcome makeUp(long programmeId, String regionCode, Long classroomId, List<Long> personIds) {
		user.require(Permission.TRAINING_MANAGE);
		Programme p = programmes.get(programmeId);
		if (classroomId == null) {
			throw InvalidInputException.of("classroomId", "validation.required");
		}
		Classroom target = classrooms.find(classroomId)
			.orElseThrow(() -> InvalidInputException.of("classroomId", "training.classroom.notFound"));
		Programme later = programmes.get(target.programmeId());
		if (later.startDate().isBefore(p.startDate())) {
			throw InvalidInputException.of("classroomId", "training.makeUp.notLater");
		}
		if (!classrooms.passes(target.id(), access.manageableClassroom())) {
			throw new ForbiddenException("the classroom is outside your scope");
		}
		ProgrammeCoverage c = coverage(programmeId, regionCode);
		List<Long> untrained = c.untrained().stream().map(CoveragePersonLine::personId).toList();
		List<Long> chosen;
		if (personIds == null || personIds.isEmpty()) {
			chosen = untrained;
		}
		else {
			Set<Long> open = new HashSet<>(untrained);
			List<FieldError> errors = new ArrayList<>();
			for (int i = 0; i < personIds.size(); i++) {
				if (personIds.get(i) == null || !open.contains(personIds.get(i))) {
					errors.add(new FieldError("personIds[" + i + "]", "training.makeUp.notUntrained"));
				}
			}
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			chosen = personIds.stream().distinct().toList();
		}
		if (chosen.isEmpty()) {
			return new MakeUpOutcome(0, 0, 0, 0, 0);
		}
		long before = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM training_enrolment").query(Long.class).single();
		int enrolled = 0, confirmed = 0, pending = 0, already = 0;
		for (int i = 0; i < chosen.size(); i += EnrolmentService.MAX_PICK) {
			var o = enrolments.enrolPicked(later.id(), chosen.subList(i, Math.min(chosen.size(), i + EnrolmentService.MAX_PICK)),
					target.id());
			enrolled += o.enrolled();
			confirmed += o.confirmed();
			pending += o.pending();
			already += o.alreadyEnrolled();
		}
		int marked = 0;
		for (int i = 0; i < chosen.size(); i += 1000) {
			marked += jdbc.sql("UPDATE training_enrolment SET make_up = TRUE, make_up_for_programme_id = :p"
					+ " WHERE programme_id = :q AND id > :before AND person_id IN (:ids)")
				.param("p", p.id()).param("q", later.id()).param("before", before)
				.param("ids", chosen.subList(i, Math.min(chosen.size(), i + 1000))).update();
		}
		MakeUpOutcome outcome = new MakeUpOutcome(chosen.size(), enrolled, confirmed, pending, already);
		audit.action("TRAINING_MAKE_UP_ENROL").target("training_programme", p.id()).region(c.regionCode())
			.after(mapOf("region", c.regionCode(), "classroomId", target.id(), "programmeId", later.id(), "asked",
					chosen.size(), "enrolled", enrolled, "marked", marked, "confirmed", confirmed, "pending", pending,
					"alreadyEnrolled", already))
			.record();
		return outcome;
	}
}
