package cn.grassroots.training.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Region;
import cn.grassroots.org.RegionKind;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.training.ActionListAdopted;

/**
 * The demo's seminars and what surrounds them: lecturers (from the names the plans already carry),
 * a case library of Heilongjiang communities with two model secretaries chosen from it, case
 * lessons citing cases, seminar rounds with groups and lists (every list adopted and published to
 * measures, which takes them in as 照单落实 measures), a few evaluations, a symposium and a
 * supervision visit with an open and a closed finding. Written directly: the demo runs without a
 * signed-in user.
 */
@Component
@Order(100)
class SeminarsDemoPart implements TrainingDemoPart {

	private static final Logger log = LoggerFactory.getLogger(SeminarsDemoPart.class);
	private static final String BY = "demo";

	private static final LecturerKind[] KINDS = { LecturerKind.PARTY_SCHOOL_EXPERT, LecturerKind.DEPARTMENT_OFFICER,
			LecturerKind.DISCIPLINE_OFFICER, LecturerKind.PARTY_SCHOOL_EXPERT, LecturerKind.ACADEMIC };

	private record CaseText(String title, String practice, String results, TopicCategory topic, String secretary) {
	}

	private static final List<CaseText> CASES = List.of(
			new CaseText("“红色物业”联建破解老旧小区管理难", "社区党委牵头成立物业党建联建委员会，物业、业委会、驻区单位每月联席议事，党员骨干包楼栋。",
					"物业投诉同比下降62%，老旧小区物业覆盖率由40%升至100%。", TopicCategory.PROPERTY_PARTY_BUILDING, "王秀芬"),
			new CaseText("网格“吹哨”、部门“报到”快速响应机制", "将社区划为12个网格，网格员发现问题即时上报，街道统筹职能部门限时响应。",
					"群众诉求平均办结时间由7天缩短至2天。", TopicCategory.GRID_MANAGEMENT, "刘建国"),
			new CaseText("“三级调解”化解邻里矛盾", "楼栋长、网格员、社区调委会三级递进调解，重大纠纷请司法所、派出所联合会商。",
					"矛盾纠纷就地化解率达96%，连续三年零越级上访。", TopicCategory.DISPUTE_RESOLUTION, "张玉梅"),
			new CaseText("党群服务中心“去行政化”改造", "压缩办公面积，腾出70%空间用于养老助餐、托管托育、文体活动，实行错时延时服务。",
					"中心日均服务群众由80人次增至400人次。", TopicCategory.SERVICE_CENTRE, "赵洪波"),
			new CaseText("志愿服务“积分超市”", "党员和居民志愿服务记积分，积分兑换生活用品和服务，驻区单位捐赠物资。",
					"注册志愿者由200人增至1,300人。", TopicCategory.MASS_WORK, "孙丽华"),
			new CaseText("网络舆情“早发现、快处置”", "社区建立居民微信群巡查制度，网格员实时收集反映，重要舆情一小时内上报。",
					"负面舆情及时处置率100%。", TopicCategory.PUBLIC_OPINION, "李成刚"),
			new CaseText("防汛应急“平战结合”", "社区按网格编组应急小分队，储备物资，汛前演练，独居老人一对一包保。",
					"2024年汛期转移群众1,200人无一伤亡。", TopicCategory.EMERGENCY_RESPONSE, "周桂兰"),
			new CaseText("“小区党支部+业委会”交叉任职", "推动符合条件的党员业主进入业委会，小区党支部书记兼任业委会主任。",
					"业委会组建率由35%提高到90%。", TopicCategory.GRASSROOTS_GOVERNANCE, "吴振江"));

	private static final String[][] MEASURES = {
			{ "建立物业服务月度联席会议", "每月召开一次，物业投诉按月下降" },
			{ "开展网格员入户走访全覆盖", "每季度入户走访一遍，建立民情台账" },
			{ "组建楼栋党员先锋队", "每个楼栋至少一名党员联系户" },
			{ "推行党群服务中心错时延时服务", "工作日晚间和周末开放，群众满意度提升" },
			{ "建立矛盾纠纷排查化解台账", "纠纷就地化解率达到95%以上" },
			{ "设立志愿服务积分兑换点", "注册志愿者数量翻一番" },
			{ "完善独居老人包保联系制度", "独居老人每周至少联系一次" } };

	private final JdbcClient jdbc;
	private final ProgrammeRepository programmes;
	private final OrgDirectory org;
	private final ApplicationEventPublisher events;
	private final AuditLog audit;

	SeminarsDemoPart(JdbcClient jdbc, ProgrammeRepository programmes, OrgDirectory org, ApplicationEventPublisher events,
			AuditLog audit) {
		this.jdbc = jdbc;
		this.programmes = programmes;
		this.org = org;
		this.events = events;
		this.audit = audit;
	}

	private record Room(long id, String kind, long regionCode) {
	}

	private record Trainee(long personId, String name, long regionCode) {
	}

	@Override
	@Transactional
	public void addTo(long programmeId) {
		ProgrammeRepository.Programme p = programmes.find(programmeId).orElseThrow();
		List<Room> rooms = jdbc.sql("SELECT id, kind, region_code FROM training_classroom WHERE programme_id = :p"
				+ " ORDER BY CASE WHEN kind = 'MAIN' THEN 0 ELSE 1 END, id")
			.param("p", programmeId).query((rs, n) -> new Room(rs.getLong("id"), rs.getString("kind"), rs.getLong("region_code")))
			.list();
		int lecturers = lecturers(p);
		List<Long> cases = cases(p);
		int seminars = 0;
		int adopted = 0;
		int evaluations = 0;
		for (Room room : rooms) {
			List<Trainee> trainees = trainees(room.id());
			if (trainees.size() < 4) {
				continue;
			}
			if (seminars < 3 && bothHalvesHaveACommunity(trainees)) {
				adopted += seminar(p, room, trainees, seminars);
				seminars++;
			}
			if (evaluations == 0) {
				evaluations = evaluations(room, trainees);
			}
		}
		Room first = rooms.stream().filter(r -> trainees(r.id()).size() >= 3).findFirst().orElse(null);
		if (first != null) {
			symposium(first, trainees(first.id()));
		}
		Room visited = rooms.stream().filter(r -> "BRANCH".equals(r.kind())).findFirst().orElse(first);
		if (visited != null) {
			supervision(p, visited);
		}
		audit.action("TRAINING_DEMO_SEMINARS").actor("system", null).target("training_programme", programmeId)
			.region(p.sponsorRegionCode())
			.detail("lecturers " + lecturers + ", cases " + cases.size() + ", seminars " + seminars + ", adopted lists "
					+ adopted + ", evaluations " + evaluations)
			.record();
		log.info("Training demo: {} lecturers, {} cases, {} seminars ({} lists adopted), {} evaluations", lecturers,
				cases.size(), seminars, adopted, evaluations);
	}

	/** A lecturer for every name the programme's plans carry, linked to their sessions. */
	private int lecturers(ProgrammeRepository.Programme p) {
		List<String> names = jdbc.sql("""
				SELECT DISTINCT s.lecturer FROM training_session s JOIN training_plan pl ON pl.id = s.plan_id
				JOIN training_classroom c ON c.id = pl.classroom_id
				WHERE c.programme_id = :p AND s.lecturer IS NOT NULL AND s.lecturer_id IS NULL ORDER BY s.lecturer""")
			.param("p", p.id()).query(String.class).list();
		int i = 0;
		for (String name : names.subList(0, Math.min(names.size(), 20))) {
			List<String> topics = jdbc.sql("""
					SELECT DISTINCT s.topic FROM training_session s JOIN training_plan pl ON pl.id = s.plan_id
					JOIN training_classroom c ON c.id = pl.classroom_id
					WHERE c.programme_id = :p AND s.lecturer = :n AND s.topic IS NOT NULL""")
				.param("p", p.id()).param("n", name).query(String.class).list();
			long id = lecturer(name.length() > 50 ? name.substring(0, 50) : name, KINDS[i % KINDS.length],
					i % KINDS.length == 0 ? "教授" : null, KINDS[i % KINDS.length] == LecturerKind.DISCIPLINE_OFFICER ? "省纪委监委" : "省委党校",
					p.sponsorRegionCode(), null, topics.isEmpty() ? List.of(TopicCategory.GRASSROOTS_GOVERNANCE.name()) : topics);
			jdbc.sql("""
					UPDATE training_session SET lecturer_id = :l WHERE lecturer = :n AND plan_id IN (
					    SELECT pl.id FROM training_plan pl JOIN training_classroom c ON c.id = pl.classroom_id WHERE c.programme_id = :p)""")
				.param("l", id).param("n", name).param("p", p.id()).update();
			i++;
		}
		return i;
	}

	private long lecturer(String name, LecturerKind kind, String title, String unit, long region, Long caseId,
			List<String> topics) {
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_lecturer (name, kind, title, unit_name, region_code, case_id, active, created_by, created_at, updated_at)
				VALUES (:n, :k, :t, :u, :r, :c, TRUE, :by, :now, :now)""")
			.param("n", name).param("k", kind.name()).param("t", title).param("u", unit).param("r", region).param("c", caseId)
			.param("by", BY).param("now", Sql.now()));
		for (String t : topics) {
			jdbc.sql("INSERT INTO training_lecturer_topic (lecturer_id, topic) VALUES (:l, :t)").param("l", id).param("t", t).update();
		}
		return id;
	}

	/** Eight cases of communities spread over the sponsor region; two of their secretaries become model secretaries. */
	private List<Long> cases(ProgrammeRepository.Programme p) {
		List<Long> villages = org.regionCodesAt(p.sponsorRegionCode(), RegionLevel.VILLAGE).stream()
			.filter(c -> c % 1000 >= 1 && c % 1000 <= 199)
			.toList();
		List<Long> ids = new ArrayList<>();
		if (villages.isEmpty()) {
			return ids;
		}
		int step = Math.max(1, villages.size() / CASES.size());
		for (int i = 0; i < CASES.size(); i++) {
			long code = villages.get(Math.min(villages.size() - 1, i * step + (i % 3)));
			Region r = org.region(code).orElse(null);
			if (r == null) {
				continue;
			}
			CaseText t = CASES.get(i);
			int households = 600 + (int) ((code * 7919L) % 6400);
			long id = Sql.insert(jdbc.sql("""
					INSERT INTO training_case (title, practice, results, topic, community_code, community_name, community_kind,
					    households, secretary_name, recorded_year, created_by, created_at, updated_at)
					VALUES (:t, :p, :r, :topic, :c, :cn, :ck, :h, :s, :y, :by, :now, :now)""")
				.param("t", t.title()).param("p", t.practice()).param("r", t.results()).param("topic", t.topic().name())
				.param("c", code).param("cn", r.name()).param("ck", (r.kind() == null ? RegionKind.OTHER : r.kind()).name())
				.param("h", households).param("s", t.secretary()).param("y", p.year() - 1).param("by", BY).param("now", Sql.now()));
			ids.add(id);
			if (i < 2) {
				lecturer(t.secretary(), i == 0 ? LecturerKind.NATIONAL_MODEL_SECRETARY : LecturerKind.PROVINCIAL_MODEL_SECRETARY,
						"社区党组织书记", r.name(), code, id, List.of(t.topic().name()));
			}
		}
		// case lessons cite the cases, in turn
		List<Long> lessons = jdbc.sql("""
				SELECT s.id FROM training_session s JOIN training_plan pl ON pl.id = s.plan_id
				JOIN training_classroom c ON c.id = pl.classroom_id
				WHERE c.programme_id = :p AND s.course_type = 'CASE' AND s.case_id IS NULL ORDER BY s.id""")
			.param("p", p.id()).query(Long.class).list();
		for (int i = 0; i < lessons.size() && !ids.isEmpty(); i++) {
			jdbc.sql("UPDATE training_session SET case_id = :k WHERE id = :s").param("k", ids.get(i % ids.size()))
				.param("s", lessons.get(i)).update();
		}
		return ids;
	}

	private List<Trainee> trainees(long classroomId) {
		return jdbc.sql("SELECT person_id, person_name, region_code FROM training_enrolment"
				+ " WHERE classroom_id = :c AND status = 'CONFIRMED' ORDER BY id LIMIT 12")
			.param("c", classroomId)
			.query((rs, n) -> new Trainee(rs.getLong("person_id"), rs.getString("person_name"), rs.getLong("region_code")))
			.list();
	}

	/** Whether each half of the trainees (the two groups of a seminar) holds someone with a community to take a measure home to. */
	private static boolean bothHalvesHaveACommunity(List<Trainee> trainees) {
		int half = trainees.size() / 2;
		return trainees.subList(0, half).stream().anyMatch(SeminarsDemoPart::hasCommunity)
				&& trainees.subList(half, trainees.size()).stream().anyMatch(SeminarsDemoPart::hasCommunity);
	}

	private static boolean hasCommunity(Trainee t) {
		return t.regionCode() % 1000 != 0;
	}

	/**
	 * A seminar with two groups, each with its list adopted and published as the facilitator would
	 * from the seminar page. Measures creates the sponsor's 照单落实 mechanism on the first list and
	 * handles several first lists arriving at once (the loser of the race takes the winner's mechanism).
	 */
	private int seminar(ProgrammeRepository.Programme p, Room room, List<Trainee> trainees, int round) {
		String topic = round == 0 ? jdbc.sql("SELECT title FROM training_topic_candidate WHERE region_code BETWEEN :f AND :t"
				+ " ORDER BY received_at DESC, finding_id DESC LIMIT 1")
			.param("f", p.sponsorRegionCode()).param("t", new cn.grassroots.platform.RegionCode(p.sponsorRegionCode()).subtreeEnd())
			.query(String.class).optional().orElse(null) : null;
		Long finding = topic == null ? null : jdbc.sql("SELECT MIN(finding_id) FROM training_topic_candidate WHERE title = :t")
			.param("t", topic).query(Long.class).single();
		if (topic == null) {
			topic = List.of("如何以党建引领破解物业管理难题", "网格化管理服务如何减负增效", "党群服务中心如何更好服务群众").get(round % 3);
		}
		LocalDate held = p.endDate().minusDays(1).isBefore(p.startDate()) ? p.startDate() : p.endDate().minusDays(1);
		Long session = jdbc.sql("""
				SELECT MIN(s.id) FROM training_session s JOIN training_plan pl ON pl.id = s.plan_id
				WHERE pl.classroom_id = :c AND s.course_type = 'SEMINAR'""").param("c", room.id()).query(Long.class).single();
		long seminar = Sql.insert(jdbc.sql("""
				INSERT INTO training_seminar (classroom_id, topic, finding_id, held_on, session_id, created_by, created_at)
				VALUES (:c, :t, :f, :h, :s, :by, :now)""")
			.param("c", room.id()).param("t", topic).param("f", finding).param("h", held).param("s", session).param("by", BY)
			.param("now", Sql.now()));
		int adopted = 0;
		int half = trainees.size() / 2;
		for (int g = 0; g < 2; g++) {
			List<Trainee> members = g == 0 ? trainees.subList(0, half) : trainees.subList(half, trainees.size());
			Trainee facilitator = facilitator(room.id(), members.get(0));
			long group = Sql.insert(jdbc.sql("""
					INSERT INTO training_seminar_group (seminar_id, name, facilitator_person_id, facilitator_name)
					VALUES (:s, :n, :p, :pn)""")
				.param("s", seminar).param("n", g == 0 ? "第一组" : "第二组").param("p", facilitator.personId())
				.param("pn", facilitator.name()));
			long list = Sql.insert(jdbc.sql("INSERT INTO training_action_list (group_id, status) VALUES (:g, 'DRAFT')").param("g", group));
			List<ActionListAdopted.Item> items = new ArrayList<>();
			int k = round * 3 + g;
			for (Trainee t : members) {
				jdbc.sql("INSERT INTO training_seminar_member (seminar_id, group_id, person_id, person_name) VALUES (:s, :g, :p, :n)")
					.param("s", seminar).param("g", group).param("p", t.personId()).param("n", t.name()).update();
				if (!hasCommunity(t)) {
					continue; // not a community secretary: no community to take a measure home to
				}
				String[] m = MEASURES[k++ % MEASURES.length];
				LocalDate deadline = held.plusMonths(3 + items.size() % 4);
				long item = Sql.insert(jdbc.sql("""
						INSERT INTO training_action_item (list_id, title, owner_person_id, owner_name, community_code, deadline,
						    expected_result, created_at)
						VALUES (:l, :t, :o, :on, :c, :d, :e, :now)""")
					.param("l", list).param("t", m[0]).param("o", t.personId()).param("on", t.name()).param("c", t.regionCode())
					.param("d", deadline).param("e", m[1]).param("now", Sql.now()));
				items.add(new ActionListAdopted.Item(item, m[0], t.personId(), t.regionCode(), deadline, m[1]));
			}
			if (!items.isEmpty()) {
				jdbc.sql("UPDATE training_action_list SET status = 'ADOPTED', adopted_by = :by, adopted_at = :now, version = 1 WHERE id = :l")
					.param("by", BY).param("now", Sql.now()).param("l", list).update();
				events.publishEvent(new ActionListAdopted(list, p.id(), p.sponsorRegionCode(), items));
				adopted++;
			}
		}
		return adopted;
	}

	/** The classroom's head teacher leads the group if it has one; otherwise the first member is made its facilitator. */
	private Trainee facilitator(long classroomId, Trainee fallback) {
		var head = jdbc.sql("SELECT person_id, person_name FROM training_staff WHERE classroom_id = :c"
				+ " AND role IN ('FACILITATOR', 'HEAD_TEACHER') ORDER BY role, id LIMIT 1")
			.param("c", classroomId).query((rs, n) -> new Trainee(rs.getLong("person_id"), rs.getString("person_name"), 0))
			.optional();
		if (head.isPresent()) {
			return head.get();
		}
		jdbc.sql("INSERT INTO training_staff (classroom_id, person_id, person_name, role, created_at) VALUES (:c, :p, :n, 'FACILITATOR', :now)")
			.param("c", classroomId).param("p", fallback.personId()).param("n", fallback.name()).param("now", Sql.now()).update();
		return fallback;
	}

	/** Up to eight trainees rate the classroom's first three sessions; those not marked yet are marked present first. */
	private int evaluations(Room room, List<Trainee> trainees) {
		record S(long id, Long lecturerId, String courseType) {
		}
		List<S> sessions = jdbc.sql("""
				SELECT s.id, s.lecturer_id, s.course_type FROM training_session s JOIN training_plan pl ON pl.id = s.plan_id
				WHERE pl.classroom_id = :c AND pl.version_no = (SELECT MAX(version_no) FROM training_plan WHERE classroom_id = :c)
				ORDER BY s.session_date, s.start_time, s.id LIMIT 3""")
			.param("c", room.id())
			.query((rs, n) -> new S(rs.getLong("id"), Sql.nullableLong(rs, "lecturer_id"), rs.getString("course_type"))).list();
		int count = 0;
		String[] comments = { "案例鲜活，可学可用", "讲得透彻，联系实际", null, "希望多安排互动研讨", null };
		for (S s : sessions) {
			for (int i = 0; i < Math.min(8, trainees.size()); i++) {
				Trainee t = trainees.get(i);
				String status = jdbc.sql("SELECT status FROM training_attendance WHERE session_id = :s AND person_id = :p")
					.param("s", s.id()).param("p", t.personId()).query(String.class).optional().orElse(null);
				if (status == null) {
					jdbc.sql("INSERT INTO training_attendance (session_id, person_id, status, method, marked_by, marked_at)"
							+ " VALUES (:s, :p, 'PRESENT', 'ROSTER', :by, :now)")
						.param("s", s.id()).param("p", t.personId()).param("by", BY).param("now", Sql.now()).update();
				}
				else if (!"PRESENT".equals(status) && !"LATE".equals(status)) {
					continue;
				}
				int base = 3 + (int) ((t.personId() + s.id()) % 3);
				jdbc.sql("""
						INSERT INTO training_evaluation (session_id, classroom_id, person_id, lecturer_id, course_type, content_score,
						    method_score, usefulness_score, lecturer_score, remark, created_at)
						VALUES (:s, :c, :p, :l, :t, :a, :b, :u, :v, :r, :now)""")
					.param("s", s.id()).param("c", room.id()).param("p", t.personId()).param("l", s.lecturerId())
					.param("t", s.courseType()).param("a", base).param("b", Math.max(1, base - (i % 2)))
					.param("u", Math.min(5, base + (i % 2))).param("v", base).param("r", comments[(i + count) % comments.length])
					.param("now", Sql.now()).update();
				count++;
			}
		}
		return count;
	}

	private void symposium(Room room, List<Trainee> trainees) {
		long id = Sql.insert(jdbc.sql("""
				INSERT INTO training_symposium (classroom_id, title, held_on, place, minutes, created_by, created_at, updated_at)
				SELECT :c, '学员代表座谈会', p.end_date, '党校第一会议室', :m, :by, :now, :now
				FROM training_classroom c JOIN training_programme p ON p.id = c.programme_id WHERE c.id = :c""")
			.param("c", room.id()).param("by", BY).param("now", Sql.now())
			.param("m", "学员普遍认为案例教学贴近实际，建议：一、增加现场观摩时间；二、研讨课分组按社区类型划分；三、成果转化清单纳入年度考核。"));
		for (Trainee t : trainees.subList(0, Math.min(4, trainees.size()))) {
			jdbc.sql("INSERT INTO training_symposium_participant (symposium_id, person_id, name) VALUES (:s, :p, :n)")
				.param("s", id).param("p", t.personId()).param("n", t.name()).update();
		}
		jdbc.sql("INSERT INTO training_symposium_participant (symposium_id, name, unit_name) VALUES (:s, '省委组织部组织二处', '省委组织部')")
			.param("s", id).update();
	}

	/** A team of the programme's head teachers (or trainees where there are none) visits a branch classroom. */
	private void supervision(ProgrammeRepository.Programme p, Room room) {
		long team = Sql.insert(jdbc.sql("INSERT INTO training_supervision_team (programme_id, name, created_by, created_at)"
				+ " VALUES (:p, '省委组织部第一督学组', :by, :now)").param("p", p.id()).param("by", BY).param("now", Sql.now()));
		Map<Long, String> members = new LinkedHashMap<>();
		jdbc.sql("""
				SELECT DISTINCT t.person_id, t.person_name FROM training_staff t JOIN training_classroom c ON c.id = t.classroom_id
				WHERE c.programme_id = :p AND t.role = 'HEAD_TEACHER' AND c.id <> :room ORDER BY t.person_id""")
			.param("p", p.id()).param("room", room.id())
			.query(rs -> {
				if (members.size() < 2) {
					members.put(rs.getLong("person_id"), rs.getString("person_name"));
				}
			});
		if (members.isEmpty()) {
			trainees(room.id()).stream().limit(1).forEach(t -> members.put(t.personId(), t.name()));
		}
		boolean leader = true;
		for (var m : members.entrySet()) {
			jdbc.sql("INSERT INTO training_supervision_member (team_id, person_id, person_name, leader) VALUES (:t, :p, :n, :l)")
				.param("t", team).param("p", m.getKey()).param("n", m.getValue()).param("l", leader).update();
			leader = false;
		}
		LocalDate visited = p.startDate().plusDays(2).isAfter(p.endDate()) ? p.startDate() : p.startDate().plusDays(2);
		long visit = Sql.insert(jdbc.sql("""
				INSERT INTO training_supervision_visit (team_id, classroom_id, visited_on, summary, created_by, created_at)
				VALUES (:t, :c, :d, '随堂听课，抽查考勤、请假审批和封闭管理落实情况。', :by, :now)""")
			.param("t", team).param("c", room.id()).param("d", visited).param("by", BY).param("now", Sql.now()));
		long closed = finding(visit, room.id(), "部分学员请假审批单缺少班主任签字", visited.plusDays(10), "CLOSED");
		step(closed, "FOUND", "部分学员请假审批单缺少班主任签字");
		step(closed, "REPORTED", "已逐一补签并建立请假台账");
		step(closed, "CLOSED", "整改到位");
		long open = finding(visit, room.id(), "研讨课分组讨论时间不足，成果转化清单措施不够具体", visited.plusDays(20), "OPEN");
		step(open, "FOUND", "研讨课分组讨论时间不足，成果转化清单措施不够具体");
	}

	private long finding(long visit, long classroom, String description, LocalDate deadline, String status) {
		boolean closed = "CLOSED".equals(status);
		return Sql.insert(jdbc.sql("""
				INSERT INTO training_supervision_finding (visit_id, classroom_id, description, deadline, status, created_by,
				    created_at, closed_by, closed_at)
				VALUES (:v, :c, :d, :dl, :s, :by, :now, :cb, :ca)""")
			.param("v", visit).param("c", classroom).param("d", description).param("dl", deadline).param("s", status)
			.param("by", BY).param("now", Sql.now()).param("cb", closed ? BY : null).param("ca", closed ? Sql.now() : null));
	}

	private void step(long finding, String step, String note) {
		jdbc.sql("INSERT INTO training_rectification (finding_id, step, note, by_username, step_at) VALUES (:f, :s, :n, :by, :now)")
			.param("f", finding).param("s", step).param("n", note).param("by", BY).param("now", Sql.now()).update();
	}
}
