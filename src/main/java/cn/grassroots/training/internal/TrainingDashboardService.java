package cn.grassroots.training.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.PlanRepository.Plan;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * Dashboards of a programme for the province (every classroom the caller sees as an officer), a
 * city (the classrooms in its region) and one classroom: enrolment, attendance rate, leave,
 * withdrawal flags, baseline-to-final gain, plan compliance and open supervision findings, per
 * classroom and in total. Each figure is one grouped read over all the classrooms at once; plan
 * compliance reads every current plan's sessions and clashes at once and runs {@link PlanRules} in memory.
 */
@Service
public class TrainingDashboardService {

	public record ClassroomFigures(long classroomId, String name, ClassroomKind kind, long regionCode, int capacity,
			int confirmed, int pending, int excused, int makeUp, long marks, long attendedMarks, long lateMarks,
			Double attendanceRate, int leaveRequests, int leaveApproved, int leavePending, int withdrawals,
			PlanStatus planStatus, Integer planVersion, int rulesFailed, TestStatistics.Gain gain,
			Double finalMean, int openFindings) {
	}

	public record TrainingDashboard(long programmeId, String programmeName, int year, String level, Long regionCode,
			String regionName, Long classroomId, ClassroomFigures totals, List<ClassroomFigures> classrooms,
			int plansApproved, int plansPassingRules) {
	}

	private final JdbcClient jdbc;
	private final ProgrammeService programmes;
	private final ClassroomService classroomService;
	private final ClassroomRepository classrooms;
	private final PlanService plans;
	private final OrgDirectory org;
	private final TrainingAccess access;
	private final CurrentUser user;
	private final OpenSupervisionFindings findings;

	TrainingDashboardService(JdbcClient jdbc, ProgrammeService programmes, ClassroomService classroomService,
			ClassroomRepository classrooms, PlanService plans, OrgDirectory org, TrainingAccess access, CurrentUser user,
			OpenSupervisionFindings findings) {
		this.jdbc = jdbc;
		this.programmes = programmes;
		this.classroomService = classroomService;
		this.classrooms = classrooms;
		this.plans = plans;
		this.org = org;
		this.access = access;
		this.user = user;
		this.findings = findings;
	}

	/** The programme's dashboard over the classrooms the caller sees as an officer, under a region if given. */
	public TrainingDashboard programme(long programmeId, String regionCode) {
		user.require(Permission.TRAINING_READ);
		Programme p = programmes.get(programmeId);
		Region region = null;
		if (regionCode != null && !regionCode.isBlank()) {
			List<FieldError> errors = new ArrayList<>();
			region = Checks.region(org, regionCode, "regionCode", errors);
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			if (!access.readScope().reachesRegion(region.code())) {
				throw new ForbiddenException("region " + region.code() + " is outside your scope");
			}
		}
		List<Classroom> all = classrooms.ofProgramme(p.id(), access.officialClassroom());
		if (all.isEmpty()) {
			throw new ForbiddenException("you see no classroom of this programme as an officer");
		}
		Region r = region;
		List<Classroom> chosen = r == null ? all
				: all.stream().filter(c -> new RegionCode(r.code()).contains(new RegionCode(c.regionCode()))).toList();
		String level = r == null ? (access.readScope().reachesRegion(p.sponsorRegionCode()) ? "PROGRAMME" : "SCOPE") : "REGION";
		return build(p, chosen, level, r, null);
	}

	/** One classroom's dashboard, for its officers and staff. */
	public TrainingDashboard classroom(long classroomId) {
		// staff such as head teachers hold no role, only their assignment, which passesOfficial checks in SQL
		Classroom c = classroomService.get(classroomId);
		if (!classroomService.passesOfficial(classroomId)) {
			throw new ForbiddenException("only the classroom's officers and staff see its dashboard");
		}
		Programme p = programmes.get(c.programmeId());
		return build(p, List.of(c), "CLASSROOM", null, c.id());
	}

	private TrainingDashboard build(Programme p, List<Classroom> list, String level, Region region, Long classroomId) {
		List<Long> ids = list.stream().map(Classroom::id).toList();
		Map<Long, int[]> enrol = new HashMap<>();
		Map<Long, long[]> marks = new HashMap<>();
		Map<Long, int[]> leave = new HashMap<>();
		Map<Long, Integer> withdrawals = new HashMap<>();
		Map<Long, Integer> open = ids.isEmpty() ? Map.of() : findings.openByClassroom(ids);
		Map<Long, List<double[]>> pairs = new HashMap<>();
		Map<Long, double[]> finals = new HashMap<>();
		if (!ids.isEmpty()) {
			jdbc.sql("""
					SELECT classroom_id,
					    SUM(CASE WHEN status = 'CONFIRMED' THEN 1 ELSE 0 END) AS confirmed,
					    SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END) AS pending,
					    SUM(CASE WHEN status = 'EXCUSED' THEN 1 ELSE 0 END) AS excused,
					    SUM(CASE WHEN make_up THEN 1 ELSE 0 END) AS make_up
					FROM training_enrolment WHERE classroom_id IN (:ids) GROUP BY classroom_id""")
				.param("ids", ids)
				.query((rs, n) -> enrol.put(rs.getLong("classroom_id"), new int[] { rs.getInt("confirmed"),
						rs.getInt("pending"), rs.getInt("excused"), rs.getInt("make_up") }))
				.list();
			jdbc.sql("""
					SELECT pl.classroom_id, COUNT(*) AS marks,
					    SUM(CASE WHEN a.status IN ('PRESENT', 'LATE') THEN 1 ELSE 0 END) AS attended,
					    SUM(CASE WHEN a.status = 'LATE' THEN 1 ELSE 0 END) AS late
					FROM training_attendance a JOIN training_session s ON s.id = a.session_id
					JOIN training_plan pl ON pl.id = s.plan_id
					WHERE pl.classroom_id IN (:ids) GROUP BY pl.classroom_id""")
				.param("ids", ids)
				.query((rs, n) -> marks.put(rs.getLong("classroom_id"),
						new long[] { rs.getLong("marks"), rs.getLong("attended"), rs.getLong("late") }))
				.list();
			jdbc.sql("""
					SELECT classroom_id, COUNT(*) AS requests,
					    SUM(CASE WHEN status = 'APPROVED' THEN 1 ELSE 0 END) AS approved,
					    SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END) AS pending
					FROM training_leave WHERE classroom_id IN (:ids) GROUP BY classroom_id""")
				.param("ids", ids)
				.query((rs, n) -> leave.put(rs.getLong("classroom_id"),
						new int[] { rs.getInt("requests"), rs.getInt("approved"), rs.getInt("pending") }))
				.list();
			// the 1/7 rule over each classroom's current plan: missed hours × 7 > plan hours
			jdbc.sql("""
					SELECT x.classroom_id, COUNT(*) AS flagged FROM (
					    SELECT e.classroom_id, e.person_id, SUM(s.hours) AS missed, MAX(ph.hours) AS plan_hours
					    FROM training_enrolment e
					    JOIN training_plan pl ON pl.classroom_id = e.classroom_id
					        AND pl.version_no = (SELECT MAX(p2.version_no) FROM training_plan p2 WHERE p2.classroom_id = e.classroom_id)
					    JOIN (SELECT plan_id, SUM(hours) AS hours FROM training_session GROUP BY plan_id) ph ON ph.plan_id = pl.id
					    JOIN training_session s ON s.plan_id = pl.id
					    JOIN training_attendance a ON a.session_id = s.id AND a.person_id = e.person_id
					        AND a.status IN ('EXCUSED', 'ABSENT')
					    WHERE e.classroom_id IN (:ids) AND e.status = 'CONFIRMED'
					    GROUP BY e.classroom_id, e.person_id) x
					WHERE x.missed * 7 > x.plan_hours GROUP BY x.classroom_id""")
				.param("ids", ids)
				.query((rs, n) -> withdrawals.put(rs.getLong("classroom_id"), rs.getInt("flagged")))
				.list();
			Long baseline = latestTest(p.id(), TestKind.BASELINE);
			Long fin = latestTest(p.id(), TestKind.FINAL);
			Map<Long, Map<Long, Double>> base = baseline == null ? Map.of() : percents(baseline, ids);
			Map<Long, Map<Long, Double>> last = fin == null ? Map.of() : percents(fin, ids);
			for (var e : last.entrySet()) {
				double sum = 0;
				for (double v : e.getValue().values()) {
					sum += v;
				}
				finals.put(e.getKey(), new double[] { sum, e.getValue().size() });
				Map<Long, Double> b = base.getOrDefault(e.getKey(), Map.of());
				for (var x : e.getValue().entrySet()) {
					if (b.containsKey(x.getKey())) {
						pairs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] { b.get(x.getKey()), x.getValue() });
					}
				}
			}
		}
		List<ClassroomFigures> rows = new ArrayList<>();
		int approved = 0;
		int passing = 0;
		// plan compliance: the rules over every current plan from a few set-based reads, evaluated in memory
		Map<Long, PlanService.CurrentCheck> checks = plans.checkCurrent(p, list);
		for (Classroom c : list) {
			var check = java.util.Optional.ofNullable(checks.get(c.id()));
			var plan = check.map(PlanService.CurrentCheck::plan);
			int failed = check.map(PlanService.CurrentCheck::failed).orElse(0);
			if (plan.isPresent() && plan.get().status() == PlanStatus.APPROVED) {
				approved++;
			}
			if (plan.isPresent() && failed == 0) {
				passing++;
			}
			int[] e = enrol.getOrDefault(c.id(), new int[4]);
			long[] m = marks.getOrDefault(c.id(), new long[3]);
			int[] l = leave.getOrDefault(c.id(), new int[3]);
			List<double[]> pr = pairs.getOrDefault(c.id(), List.of());
			double[] f = finals.get(c.id());
			rows.add(new ClassroomFigures(c.id(), c.name(), c.kind(), c.regionCode(), c.capacity(), e[0], e[1], e[2], e[3],
					m[0], m[1], m[2], m[0] == 0 ? null : (double) m[1] / m[0], l[0], l[1], l[2],
					withdrawals.getOrDefault(c.id(), 0), plan.map(Plan::status).orElse(null),
					plan.map(Plan::version).orElse(null), failed, gain(pr), f == null ? null : f[0] / f[1],
					open.getOrDefault(c.id(), 0)));
		}
		List<double[]> allPairs = new ArrayList<>();
		pairs.values().forEach(allPairs::addAll);
		double fs = 0, fn = 0;
		for (double[] f : finals.values()) {
			fs += f[0];
			fn += f[1];
		}
		ClassroomFigures totals = total(rows, gain(allPairs), fn == 0 ? null : fs / fn);
		return new TrainingDashboard(p.id(), p.name(), p.year(), level, region == null ? null : region.code(),
				region == null ? null : region.name(), classroomId, totals, rows, approved, passing);
	}

	private static TestStatistics.Gain gain(List<double[]> pairs) {
		return TestStatistics.gain(pairs.stream().mapToDouble(x -> x[0]).toArray(),
				pairs.stream().mapToDouble(x -> x[1]).toArray());
	}

	private static ClassroomFigures total(List<ClassroomFigures> rows, TestStatistics.Gain gain, Double finalMean) {
		int cap = 0, confirmed = 0, pending = 0, excused = 0, makeUp = 0, req = 0, appr = 0, pend = 0, wd = 0, failed = 0,
				open = 0;
		long marks = 0, attended = 0, late = 0;
		for (ClassroomFigures r : rows) {
			cap += r.capacity();
			confirmed += r.confirmed();
			pending += r.pending();
			excused += r.excused();
			makeUp += r.makeUp();
			marks += r.marks();
			attended += r.attendedMarks();
			late += r.lateMarks();
			req += r.leaveRequests();
			appr += r.leaveApproved();
			pend += r.leavePending();
			wd += r.withdrawals();
			failed += r.rulesFailed();
			open += r.openFindings();
		}
		return new ClassroomFigures(0, null, null, 0, cap, confirmed, pending, excused, makeUp, marks, attended, late,
				marks == 0 ? null : (double) attended / marks, req, appr, pend, wd, null, null, failed, gain, finalMean, open);
	}

	private Long latestTest(long programmeId, TestKind kind) {
		return jdbc.sql("SELECT MAX(id) FROM training_test WHERE programme_id = :p AND kind = :k").param("p", programmeId)
			.param("k", kind.name()).query(Long.class).optional().orElse(null);
	}

	/** Classroom → person → percent, fully marked submissions only. */
	private Map<Long, Map<Long, Double>> percents(long testId, List<Long> classroomIds) {
		Map<Long, Map<Long, Double>> out = new HashMap<>();
		jdbc.sql("""
				SELECT s.classroom_id, s.person_id, SUM(a.mark) AS score, SUM(q.max_mark) AS max_score,
				    SUM(CASE WHEN a.mark IS NULL THEN 1 ELSE 0 END) AS unmarked
				FROM training_submission s JOIN training_answer a ON a.submission_id = s.id
				JOIN training_question q ON q.id = a.question_id
				WHERE s.test_id = :t AND s.classroom_id IN (:ids) GROUP BY s.classroom_id, s.person_id""")
			.param("t", testId).param("ids", classroomIds)
			.query((rs, n) -> rs.getLong("unmarked") == 0 && rs.getDouble("max_score") > 0
					? out.computeIfAbsent(rs.getLong("classroom_id"), k -> new HashMap<>())
						.put(rs.getLong("person_id"), 100 * rs.getDouble("score") / rs.getDouble("max_score"))
					: null)
			.list();
		return out;
	}

	/** The dashboard as XLSX: the totals, then one line per classroom. */
	public byte[] xlsx(TrainingDashboard d) {
		List<String> headers = List.of("课堂", "类型", "区划代码", "容量", "已确认学员", "待确认", "已免训", "补训", "考勤记录", "出勤",
				"迟到", "出勤率", "请假申请", "请假批准", "请假待批", "达退学线", "教学计划状态", "计划版本", "未通过规则", "结业测试均分",
				"配对人数", "Hake 增益", "Cohen d", "督学问题未整改");
		List<List<Object>> lines = new ArrayList<>();
		for (ClassroomFigures c : d.classrooms()) {
			lines.add(line(c, c.name(), c.kind() == null ? null : c.kind().name()));
		}
		lines.add(line(d.totals(), "合计", null));
		return TrainingXlsx.write(List.of(new TrainingXlsx.Table("培训看板", headers, lines)));
	}

	private static List<Object> line(ClassroomFigures c, String name, String kind) {
		List<Object> l = new ArrayList<>();
		l.add(name);
		l.add(kind);
		l.add(c.regionCode() == 0 ? null : Long.toString(c.regionCode()));
		l.add(c.capacity());
		l.add(c.confirmed());
		l.add(c.pending());
		l.add(c.excused());
		l.add(c.makeUp());
		l.add(c.marks());
		l.add(c.attendedMarks());
		l.add(c.lateMarks());
		l.add(c.attendanceRate());
		l.add(c.leaveRequests());
		l.add(c.leaveApproved());
		l.add(c.leavePending());
		l.add(c.withdrawals());
		l.add(c.planStatus() == null ? null : c.planStatus().name());
		l.add(c.planVersion());
		l.add(c.rulesFailed());
		l.add(c.finalMean());
		l.add(c.gain().pairs());
		l.add(c.gain().hake());
		l.add(c.gain().cohenD());
		l.add(c.openFindings());
		return l;
	}

	static BigDecimal round(Double v) {
		return v == null ? null : BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_UP);
	}
}
