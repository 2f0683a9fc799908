package cn.grassroots.training.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.org.Gender;
import cn.grassroots.org.IdNumbers;
import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.org.PersonDraft;
import cn.grassroots.org.PostHolderDraft;
import cn.grassroots.org.PostType;
import cn.grassroots.org.RegionKind;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.org.UnitRef;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccountPrincipal;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.PlanRepository.Session;

/**
 * The demo (demo profile, once, on an empty training database, after org's demo): a programme
 * shaped like the seed's 全省社区党组织书记常态化培训班 — 2 days of live relay from the provincial
 * main classroom, then 3 offline days — with 1 main and 20 branch classrooms hosted by
 * Heilongjiang's cities and other bodies, rooms, study groups and head teachers; the Heilongjiang
 * community secretaries it needs added to the roster through {@link OrgDirectory#addPostHolders},
 * all of the province's secretaries enrolled from the roster with the duplicate check; a plan per
 * classroom reviewed by the province (one fails the 50% case rule and stays a draft, two wait for
 * review, one was returned once), 10 observation sites, a 50-question bank, a baseline test and a
 * final test answered by the trainees, attendance for the past days, a pending leave request,
 * appraisals and certificates in one classroom; then every {@link TrainingDemoPart}.
 * Dates are set relative to the day it loads: the programme's last day is today.
 *
 * <p>Everything structural goes through the module's services as {@code hlj-admin} (validated and
 * audited as an officer's work would be); the trainees' answers, a history nobody typed, are
 * written in batches and recorded by one audit entry.
 */
@Component
@Order(22)
class TrainingDemoData implements ApplicationRunner {

	static final String OFFICER = "hlj-admin";
	static final String TEACHER = "hlj-teacher";
	static final String TRAINEE = "hlj-secretary";
	static final long HEILONGJIANG = 230000000000L;

	/** A classroom of the demo: name, host, region (short code), how many secretaries the roster gains there. */
	record Room(String name, String host, String region, int newSecretaries) {
	}

	static final Room MAIN = new Room("省级主课堂", "中共黑龙江省委党校", "23", 0);

	static final List<Room> BRANCHES = List.of(new Room("哈尔滨市分课堂", "中共哈尔滨市委党校", "2301", 14),
			new Room("道里区分课堂", "中共哈尔滨市道里区委党校", "230102", 12),
			new Room("南岗区分课堂", "中共哈尔滨市南岗区委党校", "230103", 12),
			new Room("北大荒集团分课堂", "北大荒农垦集团有限公司党校", "230110", 10),
			new Room("省社会主义学院分课堂", "黑龙江省社会主义学院", "230108", 8),
			new Room("齐齐哈尔市分课堂", "中共齐齐哈尔市委党校", "2302", 14),
			new Room("中国一重分课堂", "中国一重集团有限公司党校", "230206", 8),
			new Room("鸡西市分课堂", "中共鸡西市委党校", "2303", 12),
			new Room("鹤岗市分课堂", "中共鹤岗市委党校", "2304", 12),
			new Room("双鸭山市分课堂", "中共双鸭山市委党校", "2305", 12),
			new Room("大庆市分课堂", "中共大庆市委党校", "2306", 14),
			new Room("大庆油田分课堂", "大庆油田有限责任公司党校", "230602", 8),
			new Room("伊春市分课堂", "中共伊春市委党校", "2307", 12),
			new Room("佳木斯市分课堂", "中共佳木斯市委党校", "2308", 12),
			new Room("七台河市分课堂", "中共七台河市委党校", "2309", 12),
			new Room("牡丹江市分课堂", "中共牡丹江市委党校", "2310", 14),
			new Room("龙江森工集团分课堂", "龙江森林工业集团有限公司党校", "231083", 8),
			new Room("黑河市分课堂", "中共黑河市委党校", "2311", 12),
			new Room("绥化市分课堂", "中共绥化市委党校", "2312", 14),
			new Room("大兴安岭地区分课堂", "中共大兴安岭地委党校", "2327", 10));

	/** The branch whose plan puts a policy lesson where a case lesson should be: 40% case hours, so it stays a draft. */
	static final String FAILING = "鹤岗市分课堂";
	/** Branches whose plans wait for the province's review. */
	static final Set<String> SUBMITTED = Set.of("鸡西市分课堂", "七台河市分课堂");
	/** The branch whose first version was returned with a comment; its second version is approved. */
	static final String RETURNED_ONCE = "佳木斯市分课堂";
	/** The classroom hlj-secretary belongs to and hlj-teacher leads. */
	static final String TEACHERS_CLASSROOM = "道里区分课堂";

	record SiteSeed(String name, SiteKind kind, String theme, String host, String region) {
	}

	static final List<SiteSeed> SITES = List.of(
			new SiteSeed("省报社社区党群服务中心", SiteKind.OBSERVATION_SITE, "阵地建设", "道里区兆麟街道省报社社区", "230102001001"),
			new SiteSeed("南岗区\"微网实格\"治理示范点", SiteKind.OBSERVATION_SITE, "精细治理", "南岗区委组织部", "230103"),
			new SiteSeed("香坊区物业党建联建示范小区", SiteKind.OBSERVATION_SITE, "党建联建", "香坊区委社会工作部", "230110"),
			new SiteSeed("齐齐哈尔市\"志愿红\"社区志愿服务站", SiteKind.OBSERVATION_SITE, "志愿服务", "齐齐哈尔市委组织部", "2302"),
			new SiteSeed("大庆市社区工作者队伍建设示范点", SiteKind.OBSERVATION_SITE, "队伍建设", "大庆市委组织部", "2306"),
			new SiteSeed("牡丹江市\"党群通\"智慧社区", SiteKind.OBSERVATION_SITE, "精细治理", "牡丹江市委组织部", "2310"),
			new SiteSeed("佳木斯市党群服务中心", SiteKind.OBSERVATION_SITE, "阵地建设", "佳木斯市委组织部", "2308"),
			new SiteSeed("绥化市网格化管理服务示范街道", SiteKind.OBSERVATION_SITE, "精细治理", "绥化市委组织部", "2312"),
			new SiteSeed("中共六大历史资料馆", SiteKind.EDUCATION_BASE, "理想信念", "中共黑龙江省委党校", "2301"),
			new SiteSeed("东北抗联精神主题教室", SiteKind.EDUCATION_BASE, "理想信念", "伊春市委组织部", "2307"));

	private static final LocalTime AM_START = LocalTime.of(8, 30);
	private static final LocalTime AM_END = LocalTime.of(11, 30);
	private static final LocalTime PM_START = LocalTime.of(14, 0);
	private static final LocalTime PM_END = LocalTime.of(17, 0);
	private static final BigDecimal THREE = new BigDecimal("3.0");
	private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶";
	private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂玉萍红鹏辉建国志海燕春梅立新宏晓东文博雪庆华永淑珍";

	private static final Logger log = LoggerFactory.getLogger(TrainingDemoData.class);

	private final ProgrammeService programmes;
	private final ClassroomService classrooms;
	private final PlanService plans;
	private final PlanRepository planRows;
	private final SiteService sites;
	private final EnrolmentService enrolments;
	private final AttendanceService attendance;
	private final ExamService exams;
	private final CompletionService completions;
	private final OrgDirectory org;
	private final AccountStore accounts;
	private final ObjectProvider<TrainingDemoPart> parts;
	private final JdbcClient jdbc;
	private final NamedParameterJdbcTemplate batch;
	private final Environment environment;
	private final TransactionTemplate tx;
	private final AuditLog audit;
	private final Random random = new Random(20260618L);

	TrainingDemoData(ProgrammeService programmes, ClassroomService classrooms, PlanService plans, PlanRepository planRows,
			SiteService sites, EnrolmentService enrolments, AttendanceService attendance, ExamService exams,
			CompletionService completions, OrgDirectory org, AccountStore accounts, ObjectProvider<TrainingDemoPart> parts,
			JdbcClient jdbc, NamedParameterJdbcTemplate batch, Environment environment, TransactionTemplate tx,
			AuditLog audit) {
		this.programmes = programmes;
		this.classrooms = classrooms;
		this.plans = plans;
		this.planRows = planRows;
		this.sites = sites;
		this.enrolments = enrolments;
		this.attendance = attendance;
		this.exams = exams;
		this.completions = completions;
		this.org = org;
		this.accounts = accounts;
		this.parts = parts;
		this.jdbc = jdbc;
		this.batch = batch;
		this.environment = environment;
		this.tx = tx;
		this.audit = audit;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!environment.acceptsProfiles(Profiles.of("demo")) || environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		if (jdbc.sql("SELECT COUNT(*) FROM training_programme").query(Long.class).single() > 0
				|| accounts.findByUsername(OFFICER).isEmpty() || accounts.findByUsername(TEACHER).isEmpty()
				|| accounts.findByUsername(TRAINEE).isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		SecurityContext before = SecurityContextHolder.getContext();
		try {
			actAs(OFFICER);
			long id = tx.execute(s -> load());
			log.info("Training demo loaded: programme {} in {} ms", id, (System.nanoTime() - started) / 1_000_000);
		}
		finally {
			SecurityContextHolder.setContext(before);
		}
	}

	private void actAs(String username) {
		var account = accounts.findByUsername(username).orElseThrow();
		var principal = new AccountPrincipal(account.id(), account.username(), null, account.displayName(),
				account.personId(), account.enabled(), null);
		SecurityContext security = SecurityContextHolder.createEmptyContext();
		security.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities()));
		SecurityContextHolder.setContext(security);
	}

	/** The whole demo, as hlj-admin; returns the programme's id. */
	long load() {
		LocalDate today = LocalDate.now(AttendanceService.ZONE);
		LocalDate start = today.minusDays(4);
		addSecretaries();
		var programme = programmes.create(new ProgrammeService.Draft(today.getYear() + "年全省社区党组织书记常态化培训班",
				today.getYear(), "中共黑龙江省委组织部", "23", start, today, new BigDecimal("30"),
				List.of(PostType.COMMUNITY_PARTY_SECRETARY),
				List.of(TopicCategory.GRASSROOTS_GOVERNANCE, TopicCategory.GRID_MANAGEMENT, TopicCategory.SERVICE_CENTRE,
						TopicCategory.PROPERTY_PARTY_BUILDING, TopicCategory.DISCIPLINE),
				CaseShareBasis.HOURS, new BigDecimal("0.5"), DayOrder.LIVE_FIRST, 2, null, null, null));
		long programmeId = programme.id();
		List<Long> siteIds = new ArrayList<>();
		Map<String, Long> siteByRegion = new LinkedHashMap<>();
		for (SiteSeed s : SITES) {
			var site = sites.create(new SiteService.Draft(s.name(), s.kind(), s.theme(), s.host(), s.region(), 60, true));
			siteIds.add(site.id());
			siteByRegion.putIfAbsent(s.region(), site.id());
		}
		// the classrooms, their rooms and study groups
		Map<String, Classroom> rooms = new LinkedHashMap<>();
		rooms.put(MAIN.name(), classroom(programmeId, MAIN, ClassroomKind.MAIN, 300));
		for (Room r : BRANCHES) {
			rooms.put(r.name(), classroom(programmeId, r, ClassroomKind.BRANCH, 240));
		}
		staff(rooms);
		// plans: the main classroom's first, so each branch's first version carries its live sessions
		Classroom main = rooms.get(MAIN.name());
		plan(main, start, siteIds.get(8));
		for (Room r : BRANCHES) {
			Classroom c = rooms.get(r.name());
			plan(c, start, siteFor(r.region(), siteByRegion, siteIds));
		}
		// enrolment: every community secretary of the province, from the roster, placed by region, checked
		var outcome = enrolments.enrolFromRoster(programmeId, "23", null);
		groups(rooms.values());
		int marked = attendanceOfPastDays(rooms.values(), start, today);
		leaveRequest(rooms.get(TEACHERS_CLASSROOM), today);
		actAs(OFFICER);
		int answers = tests(programmeId, start, today);
		int certificates = completionsIn(rooms.get(TEACHERS_CLASSROOM));
		audit.action("TRAINING_DEMO_LOAD").target("training_programme", programmeId).region(HEILONGJIANG)
			.detail("classrooms " + rooms.size() + ", trainees " + outcome.confirmed() + ", attendance marks " + marked
					+ ", answers " + answers + ", certificates " + certificates)
			.record();
		parts.orderedStream().forEach(part -> part.addTo(programmeId));
		return programmeId;
	}

	// ------------------------------------------------------------------ roster

	/**
	 * Adds secretaries to communities of each classroom's region that have none yet, through org's
	 * facade: the roster stays org's, validated and audited there.
	 */
	private void addSecretaries() {
		Set<Long> staffed = new HashSet<>();
		for (Person p : org.holdersOf(PostType.COMMUNITY_PARTY_SECRETARY, HEILONGJIANG)) {
			staffed.add(p.regionCode());
		}
		// county-level classrooms take their county's communities; a city's classroom the others
		Set<Long> countyClassrooms = new HashSet<>();
		for (Room r : BRANCHES) {
			if (r.region().length() == 6) {
				countyClassrooms.add(Long.parseLong(r.region()) * 1_000_000L);
			}
		}
		List<PostHolderDraft> drafts = new ArrayList<>();
		Set<String> idNumbers = new HashSet<>();
		for (Room r : BRANCHES) {
			long code = org.region(r.region()).orElseThrow().code();
			List<Long> communities = new ArrayList<>();
			for (long v : org.regionCodesAt(code, RegionLevel.VILLAGE)) {
				long county = v / 1_000_000L * 1_000_000L;
				if (RegionKind.of(RegionLevel.VILLAGE, Long.toString(v)) == RegionKind.COMMUNITY && !staffed.contains(v)
						&& (r.region().length() == 6 || !countyClassrooms.contains(county))) {
					communities.add(v);
				}
			}
			int step = Math.max(1, communities.size() / Math.max(1, r.newSecretaries()));
			for (int i = 0, added = 0; i < communities.size() && added < r.newSecretaries(); i += step, added++) {
				long community = communities.get(i);
				staffed.add(community);
				Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
				String idNumber;
				do {
					idNumber = idNumber(community, gender);
				}
				while (!idNumbers.add(idNumber));
				String phone = "139" + "%08d".formatted(random.nextInt(100_000_000));
				drafts.add(new PostHolderDraft(new PersonDraft(name(), gender, null, phone, idNumber, true,
						Long.toString(community), null, null), PostType.COMMUNITY_PARTY_SECRETARY,
						LocalDate.of(2021 + random.nextInt(4), 1 + random.nextInt(12), 1)));
			}
		}
		org.addPostHolders(drafts);
	}

	/** A valid 18-digit number in the community's county; sequence numbers above the org demo's range. */
	private String idNumber(long region, Gender gender) {
		String county = Long.toString(region).substring(0, 6);
		LocalDate birth = LocalDate.of(1968 + random.nextInt(27), 1 + random.nextInt(12), 1 + random.nextInt(28));
		int seq = 500 + random.nextInt(249) * 2 + (gender == Gender.MALE ? 1 : 0);
		String first17 = county + "%04d%02d%02d".formatted(birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
				+ "%03d".formatted(seq);
		return first17 + IdNumbers.checkCharacter(first17);
	}

	private String name() {
		String given = String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length())));
		if (random.nextInt(3) > 0) {
			given += GIVEN.charAt(random.nextInt(GIVEN.length()));
		}
		return SURNAMES.charAt(random.nextInt(SURNAMES.length())) + given;
	}

	// ------------------------------------------------------------------ classrooms

	private Classroom classroom(long programmeId, Room r, ClassroomKind kind, int capacity) {
		Classroom c = classrooms.create(programmeId, new ClassroomService.Draft(r.name(), kind, r.host(), r.region(), capacity));
		classrooms.addRoom(c.id(), kind == ClassroomKind.MAIN ? "学术报告厅" : "主教室", capacity);
		classrooms.addRoom(c.id(), "研讨室", 60);
		for (String g : List.of("第一组", "第二组", "第三组")) {
			classrooms.addGroup(c.id(), g);
		}
		return c;
	}

	/** hlj-teacher leads (and marks for) the 道里 classroom; party-school teachers added through org lead the main and Harbin ones. */
	private void staff(Map<String, Classroom> rooms) {
		long teacher = accounts.findByUsername(TEACHER).orElseThrow().personId();
		Classroom daoli = rooms.get(TEACHERS_CLASSROOM);
		classrooms.assign(daoli.id(), teacher, StaffRole.HEAD_TEACHER);
		classrooms.assign(daoli.id(), teacher, StaffRole.MARKER);
		UnitRef provincial = org.unitByCode("23-003").orElse(null);
		UnitRef harbin = org.unitByCode("2301-002").orElse(null);
		if (provincial == null || harbin == null) {
			return;
		}
		List<Long> ids = org.addPostHolders(List.of(
				new PostHolderDraft(new PersonDraft("孟庆华", Gender.FEMALE, LocalDate.of(1978, 5, 12), null, null, true, "23",
						null, provincial.id()), PostType.PARTY_SCHOOL_TEACHER, LocalDate.of(2019, 9, 1)),
				new PostHolderDraft(new PersonDraft("谭志刚", Gender.MALE, LocalDate.of(1975, 11, 3), null, null, true, "2301",
						null, harbin.id()), PostType.PARTY_SCHOOL_TEACHER, LocalDate.of(2018, 3, 1))));
		classrooms.assign(rooms.get(MAIN.name()).id(), ids.get(0), StaffRole.HEAD_TEACHER);
		classrooms.assign(rooms.get("哈尔滨市分课堂").id(), ids.get(1), StaffRole.HEAD_TEACHER);
	}

	private static long siteFor(String region, Map<String, Long> siteByRegion, List<Long> all) {
		for (var e : siteByRegion.entrySet()) {
			if (region.startsWith(e.getKey().substring(0, Math.min(4, e.getKey().length())))) {
				return e.getValue();
			}
		}
		return all.get(8);
	}

	// ------------------------------------------------------------------ plans

	/**
	 * Days 1–2 live from the main classroom (relayed into every branch's first version), days 3–5
	 * offline: 30 hours of which 15 are case lessons, exactly the 50% the seed asks for.
	 */
	private void plan(Classroom c, LocalDate start, long siteId) {
		plans.newVersion(c.id());
		long hall = classrooms.rooms(c.id()).get(0).id();
		long seminarRoom = classrooms.rooms(c.id()).get(1).id();
		boolean main = c.kind() == ClassroomKind.MAIN;
		if (main) {
			add(c, start, true, "深入学习贯彻习近平总书记关于基层治理的重要论述", CourseType.THEORY, Delivery.LIVE_RELAY,
					TopicCategory.PARTY_THEORY, "中央党校（国家行政学院）专家", hall, null);
			add(c, start, false, "\"吹哨报到\"：党建引领街乡管理体制机制创新", CourseType.CASE, Delivery.LIVE_RELAY,
					TopicCategory.GRASSROOTS_GOVERNANCE, "全国优秀社区党组织书记（北京）", hall, null);
			add(c, start.plusDays(1), true, "《中国共产党纪律处分条例》解读", CourseType.POLICY, Delivery.LIVE_RELAY,
					TopicCategory.DISCIPLINE, "省纪委监委有关同志", hall, null);
			add(c, start.plusDays(1), false, "新时代\"枫桥经验\"与\"微网实格\"治理", CourseType.CASE, Delivery.LIVE_RELAY,
					TopicCategory.GRID_MANAGEMENT, "全国优秀社区党组织书记（浙江）", hall, null);
		}
		String who = c.name().replace("分课堂", "").replace("省级主课堂", "省级");
		boolean failing = c.name().equals(FAILING);
		add(c, start.plusDays(2), true, "社区物业党建联建经验交流", CourseType.CASE, Delivery.OFFLINE,
				TopicCategory.PROPERTY_PARTY_BUILDING, who + "优秀社区党组织书记", hall, null);
		add(c, start.plusDays(2), false, "基层党建示范点现场观摩", CourseType.OBSERVATION, Delivery.FIELD,
				TopicCategory.SERVICE_CENTRE, null, null, siteId);
		add(c, start.plusDays(3), true, "\"走动式工作法\"与网格化管理服务", CourseType.CASE, Delivery.OFFLINE,
				TopicCategory.GRID_MANAGEMENT, who + "网格化治理示范社区书记", hall, null);
		add(c, start.plusDays(3), false, "研讨：破解基层治理\"小马拉大车\"突出问题", CourseType.SEMINAR, Delivery.OFFLINE,
				TopicCategory.GRASSROOTS_GOVERNANCE, who + "组织部党建科负责同志", seminarRoom, null);
		if (failing) {
			add(c, start.plusDays(4), true, "城市社区治理政策解读", CourseType.POLICY, Delivery.OFFLINE,
					TopicCategory.GRASSROOTS_GOVERNANCE, who + "民政局有关同志", hall, null);
		}
		else {
			add(c, start.plusDays(4), true, "矛盾纠纷化解与\"万步群众工作法\"", CourseType.CASE, Delivery.OFFLINE,
					TopicCategory.DISPUTE_RESOLUTION, who + "优秀社区党组织书记（矛盾调处）", hall, null);
		}
		add(c, start.plusDays(4), false, "结业测试与学习成果转化", CourseType.THEORY, Delivery.OFFLINE,
				TopicCategory.PARTY_THEORY, who + "党校教师", hall, null);
		if (failing) {
			return;
		}
		plans.submit(c.id());
		if (SUBMITTED.contains(c.name())) {
			return;
		}
		if (c.name().equals(RETURNED_ONCE)) {
			plans.review(c.id(), false, "观摩课请改在本市观摩点，并注明带队人员");
			plans.newVersion(c.id());
			Session field = planRows.sessions(planRows.current(c.id()).orElseThrow().id()).stream()
				.filter(s -> s.courseType() == CourseType.OBSERVATION).findFirst().orElseThrow();
			plans.updateSession(field.id(), new PlanService.SessionDraft(field.date(), field.start(), field.end(),
					field.hours(), "佳木斯市党群服务中心现场观摩（带队：市委组织部组织科）", field.courseType(), field.delivery(),
					field.topic(), field.lecturer(), null, siteId));
			plans.submit(c.id());
		}
		plans.review(c.id(), true, "方案符合要求，同意实施");
	}

	private void add(Classroom c, LocalDate day, boolean morning, String title, CourseType type, Delivery delivery,
			TopicCategory topic, String lecturer, Long roomId, Long siteId) {
		plans.addSession(c.id(), new PlanService.SessionDraft(day, morning ? AM_START : PM_START, morning ? AM_END : PM_END,
				THREE, title, type, delivery, topic, lecturer, siteId == null ? roomId : null, siteId));
	}

	// ------------------------------------------------------------------ trainees

	/** Each classroom's trainees in three study groups, in name order. */
	private void groups(Iterable<Classroom> all) {
		for (Classroom c : all) {
			List<ClassroomRepository.Group> groups = classrooms.groups(c.id());
			List<Long> enrolmentIds = jdbc.sql("SELECT id FROM training_enrolment WHERE classroom_id = :c"
					+ " ORDER BY person_name, id").param("c", c.id()).query(Long.class).list();
			List<MapSqlParameterSource> rows = new ArrayList<>();
			for (int i = 0; i < enrolmentIds.size(); i++) {
				rows.add(new MapSqlParameterSource().addValue("g", groups.get(i % groups.size()).id())
					.addValue("id", enrolmentIds.get(i)));
			}
			batch.batchUpdate("UPDATE training_enrolment SET group_id = :g WHERE id = :id",
					rows.toArray(MapSqlParameterSource[]::new));
		}
	}

	/**
	 * The head teachers' roster marking of every session before today, in the classrooms whose plan
	 * was approved: mostly present, some late, a few absent; two trainees of the 道里 classroom were
	 * absent so often that they are flagged for withdrawal. hlj-secretary was always there.
	 */
	private int attendanceOfPastDays(Iterable<Classroom> all, LocalDate start, LocalDate today) {
		long trainee = accounts.findByUsername(TRAINEE).orElseThrow().personId();
		int marked = 0;
		for (Classroom c : all) {
			var plan = planRows.current(c.id()).orElseThrow();
			if (plan.status() != PlanStatus.APPROVED) {
				continue;
			}
			List<Long> people = jdbc.sql("SELECT person_id FROM training_enrolment WHERE classroom_id = :c"
					+ " AND status = 'CONFIRMED' ORDER BY person_id").param("c", c.id()).query(Long.class).list();
			if (people.isEmpty()) {
				continue;
			}
			Set<Long> truants = new HashSet<>();
			if (c.name().equals(TEACHERS_CLASSROOM)) {
				people.stream().filter(p -> p != trainee).limit(2).forEach(truants::add);
			}
			for (Session s : planRows.sessions(plan.id())) {
				if (!s.date().isBefore(today)) {
					continue;
				}
				List<AttendanceService.Mark> marks = new ArrayList<>();
				for (long p : people) {
					AttendanceStatus status;
					int roll = random.nextInt(100);
					if (p == trainee) {
						status = AttendanceStatus.PRESENT;
					}
					else if (truants.contains(p) && s.date().isAfter(start)) {
						status = AttendanceStatus.ABSENT;
					}
					else {
						status = roll < 90 ? AttendanceStatus.PRESENT : roll < 96 ? AttendanceStatus.LATE
								: roll < 98 ? AttendanceStatus.EXCUSED : AttendanceStatus.ABSENT;
					}
					marks.add(new AttendanceService.Mark(p, status));
				}
				marked += attendance.mark(s.id(), marks);
			}
		}
		return marked;
	}

	/** hlj-secretary asks for leave on the last afternoon; hlj-teacher has it waiting. */
	private void leaveRequest(Classroom daoli, LocalDate today) {
		actAs(TRAINEE);
		attendance.requestLeave(daoli.id(), today, today, "社区有紧急防汛排查任务，需回社区组织");
	}

	// ------------------------------------------------------------------ tests

	/**
	 * The 50-question bank, a baseline test before the programme (answered by nearly everyone) and
	 * the final test of the last day (answered by all but hlj-secretary, who takes it on the demo
	 * phone). Trainees' answers follow an ability each: better after the training than before.
	 */
	private int tests(long programmeId, LocalDate start, LocalDate today) {
		List<ExamService.Question> bank = new ArrayList<>();
		for (ExamService.QuestionDraft d : DemoQuestions.all()) {
			bank.add(exams.addQuestion(programmeId, d));
		}
		// baseline: 20 single choice and 4 true/false; final: 20 of the same kind, the 10 multiple choice,
		// 4 other true/false and both short answers — 10 questions in both, for the item statistics to compare
		List<Long> baselineIds = new ArrayList<>();
		bank.subList(0, 20).forEach(q -> baselineIds.add(q.id()));
		bank.subList(40, 44).forEach(q -> baselineIds.add(q.id()));
		List<Long> finalIds = new ArrayList<>();
		bank.subList(10, 40).forEach(q -> finalIds.add(q.id()));
		bank.subList(44, 50).forEach(q -> finalIds.add(q.id()));
		ZoneOffset offset = ZoneOffset.ofHours(8);
		var baseline = exams.createTest(programmeId, TestKind.BASELINE, "训前摸底测试",
				OffsetDateTime.of(start.minusDays(5), LocalTime.of(8, 0), offset),
				OffsetDateTime.of(start.minusDays(1), LocalTime.of(22, 0), offset), baselineIds);
		var fin = exams.createTest(programmeId, TestKind.FINAL, "结业测试", OffsetDateTime.of(today, LocalTime.MIN, offset),
				OffsetDateTime.of(today.plusDays(2), LocalTime.of(22, 0), offset), finalIds);
		Map<Long, ExamService.Question> byId = new HashMap<>();
		bank.forEach(q -> byId.put(q.id(), q));
		long trainee = accounts.findByUsername(TRAINEE).orElseThrow().personId();
		record Trainee(long person, long classroom) {
		}
		List<Trainee> trainees = jdbc.sql("SELECT person_id, classroom_id FROM training_enrolment WHERE programme_id = :p"
				+ " AND status = 'CONFIRMED' ORDER BY person_id").param("p", programmeId)
			.query((rs, n) -> new Trainee(rs.getLong(1), rs.getLong(2))).list();
		double[] difficulty = new double[bank.size()];
		for (int i = 0; i < difficulty.length; i++) {
			difficulty[i] = random.nextDouble() * 0.3 - 0.15;
		}
		Map<Long, Integer> index = new HashMap<>();
		for (int i = 0; i < bank.size(); i++) {
			index.put(bank.get(i).id(), i);
		}
		int answers = 0;
		for (Trainee t : trainees) {
			double ability = 0.35 + random.nextDouble() * 0.5;
			if (t.person() == trainee || random.nextInt(100) < 97) {
				answers += submit(baseline.id(), t.person(), t.classroom(), baselineIds, byId, index, difficulty,
						ability - 0.1, start.minusDays(2));
			}
			if (t.person() != trainee && random.nextInt(100) < 95) {
				answers += submit(fin.id(), t.person(), t.classroom(), finalIds, byId, index, difficulty,
						Math.min(0.97, ability + 0.18), today);
			}
		}
		return answers;
	}

	private int submit(long testId, long person, long classroom, List<Long> questionIds, Map<Long, ExamService.Question> byId,
			Map<Long, Integer> index, double[] difficulty, double ability, LocalDate day) {
		// today's submissions came in over the last hours; the baseline's on a day before the programme
		var at = day.equals(LocalDate.now(AttendanceService.ZONE))
				? OffsetDateTime.now(ZoneOffset.ofHours(8)).minusMinutes(random.nextInt(30))
				: OffsetDateTime.of(day, LocalTime.of(15, random.nextInt(60)), ZoneOffset.ofHours(8));
		long submission = Sql.insert(jdbc.sql("""
				INSERT INTO training_submission (test_id, person_id, classroom_id, submitted_at) VALUES (:t, :p, :c, :at)""")
			.param("t", testId).param("p", person).param("c", classroom).param("at", at));
		List<MapSqlParameterSource> rows = new ArrayList<>();
		for (long id : questionIds) {
			ExamService.Question q = byId.get(id);
			double p = Math.max(0.05, Math.min(0.98, ability - difficulty[index.get(id)]));
			boolean right = random.nextDouble() < p;
			String response;
			BigDecimal mark;
			String by;
			switch (q.kind()) {
				case SHORT -> {
					response = right ? "以党建引领整合网格、物业、志愿服务力量，建立问题清单和责任清单，定期研判、闭环处置。"
							: "加强宣传，提高认识。";
					mark = q.maxMark().multiply(BigDecimal.valueOf(Math.max(0.2, Math.min(1.0, p + random.nextGaussian() * 0.15))))
						.setScale(0, RoundingMode.HALF_UP);
					by = OFFICER;
				}
				default -> {
					response = right ? q.answer() : wrong(q);
					mark = right ? q.maxMark() : BigDecimal.ZERO;
					by = "auto";
				}
			}
			rows.add(new MapSqlParameterSource().addValue("s", submission).addValue("q", id).addValue("r", response)
				.addValue("m", mark).addValue("by", by));
		}
		batch.batchUpdate("INSERT INTO training_answer (submission_id, question_id, response, mark, marked_by)"
				+ " VALUES (:s, :q, :r, :m, :by)", rows.toArray(MapSqlParameterSource[]::new));
		return rows.size();
	}

	private String wrong(ExamService.Question q) {
		return switch (q.kind()) {
			case TRUE_FALSE -> "T".equals(q.answer()) ? "F" : "T";
			case MULTIPLE -> q.answer().length() > 1 ? q.answer().substring(0, 1) : "A,B";
			default -> {
				char right = q.answer().charAt(0);
				char other = (char) ('A' + random.nextInt(q.options().size()));
				yield String.valueOf(other == right ? (char) ('A' + (right - 'A' + 1) % q.options().size()) : other);
			}
		};
	}

	// ------------------------------------------------------------------ completion

	/** The head teacher appraises the 道里 trainees who passed the final test; the managers issue their certificates. */
	private int completionsIn(Classroom daoli) {
		List<CompletionService.Completion> list = completions.completion(daoli.id());
		actAs(TEACHER);
		int appraised = 0;
		for (CompletionService.Completion x : list) {
			if (x.finalTestOk() && x.attendanceOk() && appraised < 8) {
				completions.appraise(x.enrolmentId(), true, "学习认真，研讨发言积极");
				appraised++;
			}
		}
		actAs(OFFICER);
		return completions.issue(daoli.id());
	}
}
