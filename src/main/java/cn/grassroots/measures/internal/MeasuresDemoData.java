package cn.grassroots.measures.internal;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.UnitRef;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.files.FilePurpose;
import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.files.StoredFile;

/**
 * The demo (demo profile, once, after org's demo): Ningxia's coordination mechanism with the
 * organisation department leading, the social work department coordinating and the 23 member
 * units; the "37 measures" — 20 annual, 17 long-term with staged targets — among them those the
 * seed names; months of reports, reviewed by the coordinating unit, with some missing, late or
 * waiting for review, so that every status shows. Dates are set relative to the day it loads.
 */
@Component
@Order(20)
class MeasuresDemoData implements ApplicationRunner {

	/** How a demo measure has gone so far. */
	enum Story {
		ON_TRACK, BEHIND, SILENT, DUE_SOON, LATE, STAGE_MISSED, DONE
	}

	record Item(String title, String category, int lead, int[] partners, Story story) {
	}

	static final String MECHANISM = "宁夏回族自治区党建引领基层治理协调机制";

	/** Units by their demo code suffix: 64-001 组织部, 002 社会工作部, 010 民政厅 … (org's DemoData order). */
	private static final List<Item> ANNUAL = List.of(
			new Item("制定乡镇（街道）履行职责事项清单", "权责清单", 2, new int[] { 6, 10, 11 }, Story.ON_TRACK),
			new Item("制定城市社区管理和服务项目指导清单", "权责清单", 2, new int[] { 10 }, Story.BEHIND),
			new Item("制定村级组织工作事务清单", "权责清单", 16, new int[] { 2, 10 }, Story.ON_TRACK),
			new Item("调整优化社区网格设置", "网格治理", 10, new int[] { 2, 9 }, Story.DUE_SOON),
			new Item("开展借调人员集中清理", "力量下沉", 6, new int[] { 1, 13 }, Story.DONE),
			new Item("规范村（社区）挂牌和证明事项", "减负", 10, new int[] { 11 }, Story.DONE),
			new Item("精简基层填表报数和考核检查", "减负", 2, new int[] { 4 }, Story.LATE),
			new Item("清理规范政务应用程序和工作群", "减负", 5, new int[] { 2 }, Story.ON_TRACK),
			new Item("落实社区工作者职业体系", "队伍建设", 2, new int[] { 13, 12 }, Story.SILENT),
			new Item("选派乡村振兴指导员和基层治理指导员", "力量下沉", 1, new int[] { 16, 2 }, Story.ON_TRACK),
			new Item("推行基层治理\"一书三单\"", "机制创新", 2, new int[] { 1 }, Story.ON_TRACK),
			new Item("开展在职党员\"双报到、双报告\"", "党员作用", 1, new int[] { 2 }, Story.BEHIND),
			new Item("建立基层治理事项准入制度", "权责清单", 2, new int[] { 6, 11 }, Story.ON_TRACK),
			new Item("规范基层议事协商", "基层民主", 10, new int[] { 2 }, Story.DONE),
			new Item("推进党群服务中心功能提升", "阵地建设", 1, new int[] { 10, 15 }, Story.ON_TRACK),
			new Item("健全矛盾纠纷多元化解机制", "平安建设", 4, new int[] { 11, 20 }, Story.LATE),
			new Item("加强网络舆情引导处置", "平安建设", 5, new int[] { 4 }, Story.ON_TRACK),
			new Item("完善基层应急管理体系", "平安建设", 18, new int[] { 10 }, Story.DUE_SOON),
			new Item("落实村（社区）干部报酬待遇", "队伍建设", 12, new int[] { 13 }, Story.ON_TRACK),
			new Item("规范物业服务企业党建联建", "城市治理", 15, new int[] { 2 }, Story.BEHIND));

	private static final List<Item> LONG_TERM = List.of(
			new Item("建设全区一体化社会治理信息平台", "数字治理", 2, new int[] { 5, 7, 9 }, Story.ON_TRACK),
			new Item("创建\"一抓两整\"示范县乡", "示范创建", 1, new int[] { 2, 10 }, Story.STAGE_MISSED),
			new Item("厘清乡镇街道权责边界", "权责清单", 6, new int[] { 2 }, Story.ON_TRACK),
			new Item("充实基层工作力量", "力量下沉", 6, new int[] { 13, 1 }, Story.BEHIND),
			new Item("推进基层治理数据共享", "数字治理", 7, new int[] { 5, 9 }, Story.ON_TRACK),
			new Item("健全社区工作者队伍管理", "队伍建设", 2, new int[] { 13 }, Story.ON_TRACK),
			new Item("深化新就业群体党建", "党员作用", 2, new int[] { 22 }, Story.SILENT),
			new Item("提升社区服务设施水平", "阵地建设", 15, new int[] { 10 }, Story.ON_TRACK),
			new Item("推进城乡社区协商制度化", "基层民主", 10, new int[] { 2 }, Story.ON_TRACK),
			new Item("发展社区社会组织", "社会参与", 10, new int[] { 2 }, Story.STAGE_MISSED),
			new Item("壮大志愿服务队伍", "社会参与", 2, new int[] { 23, 22 }, Story.ON_TRACK),
			new Item("推进\"枫桥经验\"基层实践", "平安建设", 4, new int[] { 11 }, Story.ON_TRACK),
			new Item("加强基层卫生健康服务", "公共服务", 17, new int[] { 21 }, Story.ON_TRACK),
			new Item("完善农村基层治理体系", "乡村治理", 16, new int[] { 2 }, Story.BEHIND),
			new Item("推进基层法治建设", "法治建设", 11, new int[] { 4 }, Story.ON_TRACK),
			new Item("优化基层政务服务", "公共服务", 6, new int[] { 19 }, Story.ON_TRACK),
			new Item("健全基层治理考核评价", "考核评价", 1, new int[] { 2 }, Story.ON_TRACK));

	private static final String[] DUTIES = { "牵头抓总", "具体协调", "宣传引导", "平安建设", "网络舆情", "机构编制与权责清单",
			"发展规划", "教育资源", "社会治安", "城乡社区治理", "基层法治", "经费保障", "社区工作者队伍", "自然资源", "物业与住房",
			"乡村治理", "基层卫生", "基层应急", "市场主体", "信访", "医保服务", "新就业群体", "妇女儿童" };

	private static final Logger log = LoggerFactory.getLogger(MeasuresDemoData.class);

	private final MeasureRepository repository;
	private final NoticeService notices;
	private final OrgDirectory org;
	private final FileStore files;
	private final MeasuresClock clock;
	private final JdbcClient jdbc;
	private final Environment environment;
	private final TransactionTemplate tx;
	private final AuditLog audit;

	MeasuresDemoData(MeasureRepository repository, NoticeService notices, OrgDirectory org, FileStore files,
			MeasuresClock clock, JdbcClient jdbc, Environment environment, TransactionTemplate tx, AuditLog audit) {
		this.repository = repository;
		this.notices = notices;
		this.org = org;
		this.files = files;
		this.clock = clock;
		this.jdbc = jdbc;
		this.environment = environment;
		this.tx = tx;
		this.audit = audit;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!environment.acceptsProfiles(Profiles.of("demo")) || environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		if (jdbc.sql("SELECT COUNT(*) FROM measure_mechanism").query(Long.class).single() > 0
				|| org.unitByCode("64-001").isEmpty()) {
			return;
		}
		long started = System.nanoTime();
		Integer count = tx.execute(s -> load());
		var run = notices.runDaily();
		log.info("Measures demo loaded: 2 mechanisms, {} measures, {} notices, in {} ms", count, run.issued(),
				(System.nanoTime() - started) / 1_000_000);
	}

	private long unit(int n) {
		return org.unitByCode("64-%03d".formatted(n)).map(UnitRef::id).orElseThrow();
	}

	int load() {
		LocalDate today = clock.today();
		LocalDate yearStart = today.withDayOfYear(1);
		// the year's measures started at least 7 months ago, so there is a history to show
		LocalDate start = today.minusMonths(7).withDayOfMonth(1);
		long lead = unit(1);
		long coordinating = unit(2);
		long mechanism = repository.insertMechanism(MECHANISM, MechanismLevel.PROVINCE, 640000000000L, "李卫东",
				"自治区党委常委、组织部部长", lead, coordinating, "《关于破解基层治理\"小马拉大车\"突出问题的若干措施》（宁夏37条措施）",
				start.minusDays(10), null, "demo");
		for (int i = 1; i <= 23; i++) {
			repository.insertMember(mechanism, unit(i), i == 1 ? MemberRole.LEAD : i == 2 ? MemberRole.COORDINATING : MemberRole.MEMBER,
					DUTIES[i - 1]);
		}
		StoredFile evidence = files.store(new ByteArrayInputStream("宁夏37条措施落实佐证材料（演示）".getBytes(StandardCharsets.UTF_8)),
				"佐证材料.txt", "text/plain", "demo", FilePurpose.EVIDENCE, null);
		int n = 0;
		for (Item item : ANNUAL) {
			n++;
			LocalDate due = switch (item.story()) {
				case DUE_SOON -> today.plusDays(12);
				case LATE -> today.minusDays(20);
				default -> yearStart.plusYears(today.getMonthValue() >= 11 ? 1 : 0).withDayOfYear(1).plusYears(1).minusDays(1);
			};
			measure(mechanism, "NX-%02d".formatted(n), item, MeasureKind.ANNUAL, start, due, evidence, today);
		}
		for (Item item : LONG_TERM) {
			n++;
			measure(mechanism, "NX-%02d".formatted(n), item, MeasureKind.LONG_TERM, start, start.plusYears(3).minusDays(1),
					evidence, today);
		}
		meetingAndVisit(mechanism, today);
		int city = yinchuan(mechanism, start, evidence, today);
		audit.action("DEMO_DATA_LOAD").actor("system", null).target("mechanism", mechanism).region(640000000000L)
			.detail("measures: 2 mechanisms, " + (n + city) + " measures, 1 meeting, 1 research visit").record();
		return n + city;
	}

	private long measureId(long mechanism, String code) {
		return repository.measureByCode(mechanism, code).orElseThrow().id();
	}

	/**
	 * The first plenary meeting, six weeks ago: the coordination requests filed before it were on its
	 * agenda and came back with decisions (the later ones wait for the next meeting); and a research
	 * visit whose findings concern the grid and workforce measures.
	 */
	private void meetingAndVisit(long mechanism, LocalDate today) {
		LocalDate heldOn = today.minusWeeks(6);
		long meeting = cn.grassroots.platform.Sql.insert(jdbc.sql("""
				INSERT INTO measure_meeting (mechanism_id, title, held_on, minutes, minutes_by, minutes_at, created_by, created_at)
				VALUES (:m, '协调机制第一次全体会议', :on, :minutes, 'nx-social', :at, 'nx-social', :at)""")
			.param("m", mechanism).param("on", heldOn)
			.param("minutes", "会议听取了37条措施推进情况汇报，逐项研究了成员单位提请协调的事项，明确了责任单位和完成时限。"
					+ "会议要求：对逾期和存在风险的措施实行清单化督办，牵头单位每月报告进展；协调机制办公室加强跟踪问效，既督又帮。")
			.param("at", cn.grassroots.platform.Sql.utc(heldOn.atTime(16, 0).atZone(clock.zone()).toInstant())));
		List<java.util.Map.Entry<Long, Long>> requests = jdbc.sql("""
				SELECT r.id, r.measure_id FROM measure_report r JOIN measure ms ON ms.id = r.measure_id
				WHERE ms.mechanism_id = :m AND r.needs_coordination = TRUE AND r.cycle_end < :on ORDER BY r.id""")
			.param("m", mechanism).param("on", heldOn)
			.query((rs, i) -> java.util.Map.entry(rs.getLong(1), rs.getLong(2))).list();
		String[] decisions = { "由自治区党委编办牵头，会同财政厅在下月底前核定所需人员编制和经费，协调机制办公室跟踪落实。",
				"由自治区财政厅统筹安排专项经费，民政厅细化使用方案，下次全体会议报告进展。" };
		for (int i = 0; i < requests.size(); i++) {
			jdbc.sql("""
					INSERT INTO measure_agenda_item (meeting_id, measure_id, report_id, decision, decided_by, decided_at)
					VALUES (:g, :ms, :r, :d, 'nx-social', :at)""")
				.param("g", meeting).param("ms", requests.get(i).getValue()).param("r", requests.get(i).getKey())
				.param("d", decisions[i % decisions.length])
				.param("at", cn.grassroots.platform.Sql.utc(heldOn.atTime(16, 0).atZone(clock.zone()).toInstant())).update();
		}
		LocalDate visited = today.minusWeeks(9);
		long visit = cn.grassroots.platform.Sql.insert(jdbc.sql("""
				INSERT INTO measure_visit (mechanism_id, title, visited_on, place, participants, summary, created_by, created_at)
				VALUES (:m, '赴银川市兴庆区调研社区减负和网格治理', :on, '银川市兴庆区', '自治区党委社会工作部、民政厅',
				    '走访3个街道、6个社区，召开社区书记座谈会，了解“小马拉大车”问题整治进展。', 'nx-social', :at)""")
			.param("m", mechanism).param("on", visited)
			.param("at", cn.grassroots.platform.Sql.utc(visited.atTime(18, 0).atZone(clock.zone()).toInstant())));
		Object[][] findings = {
				{ "部分社区网格划分过大，专职网格员配备不足。", "按300户左右调整网格，充实专职网格员。", new String[] { "NX-04", "NX-24" } },
				{ "社区仍承担部分未经准入的考核和填表任务。", "严格执行准入制度，清理规范填表报数。", new String[] { "NX-07", "NX-13" } } };
		for (Object[] f : findings) {
			long finding = cn.grassroots.platform.Sql.insert(jdbc.sql(
					"INSERT INTO measure_visit_finding (visit_id, finding, suggestion) VALUES (:v, :f, :s)")
				.param("v", visit).param("f", f[0]).param("s", f[1]));
			for (String code : (String[]) f[2]) {
				jdbc.sql("INSERT INTO measure_finding_link (finding_id, measure_id) VALUES (:f, :m)").param("f", finding)
					.param("m", measureId(mechanism, code)).update();
			}
		}
	}

	/**
	 * 上下联动、同题共答: 银川市's mechanism takes up three of the region's measures; each city measure
	 * cites the region's, whose progress then rolls up from it. Its reports are monthly and accepted.
	 */
	private int yinchuan(long region, LocalDate start, StoredFile evidence, LocalDate today) {
		var lead = org.unitByCode("6401-001");
		var coordinating = org.unitByCode("6401-002");
		var civil = org.unitByCode("6401-003");
		if (lead.isEmpty() || coordinating.isEmpty() || civil.isEmpty()) {
			return 0;
		}
		long city = repository.insertMechanism("银川市党建引领基层治理协调机制", MechanismLevel.CITY, 640100000000L, "王建军",
				"市委常委、组织部部长", lead.get().id(), coordinating.get().id(), "银党办〔2025〕12号（贯彻落实自治区37条措施的实施方案）",
				start, region, "demo");
		repository.insertMember(city, lead.get().id(), MemberRole.LEAD, "牵头抓总");
		repository.insertMember(city, coordinating.get().id(), MemberRole.COORDINATING, "统筹协调、跟踪督办");
		repository.insertMember(city, civil.get().id(), MemberRole.MEMBER, "城乡社区治理");
		String[][] items = { { "NX-01", "YC-01", "制定银川市乡镇（街道）履行职责事项清单", "6401-002" },
				{ "NX-03", "YC-02", "制定银川市村级组织工作事务清单", "6401-003" },
				{ "NX-21", "YC-03", "接入全区一体化社会治理信息平台", "6401-002" } };
		for (String[] item : items) {
			var higher = repository.measureByCode(region, item[0]).orElseThrow();
			long leadUnit = org.unitByCode(item[3]).orElseThrow().id();
			long id = repository.insertMeasure(city, item[1], item[2], "承接自治区措施" + item[0] + "：" + higher.title() + "。",
					higher.category(), leadUnit, null, "自治区《若干措施》" + higher.clause(), higher.kind(), start, higher.dueDate(),
					ReportCycle.MONTHLY, BigDecimal.ONE, null, higher.id(), "demo");
			if (higher.kind() == MeasureKind.LONG_TERM) {
				repository.insertTarget(id, "终期", higher.dueDate(), "全面完成", "完成率", BigDecimal.valueOf(10), BigDecimal.valueOf(100), "%");
			}
			double total = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(start, higher.dueDate()));
			for (LocalDate end = ReportCycle.MONTHLY.endOf(start); !end.isAfter(ReportCycle.MONTHLY.previousEnd(today));
					end = ReportCycle.MONTHLY.endOf(end.plusDays(1))) {
				double progress = Math.min(1.0, java.time.temporal.ChronoUnit.DAYS.between(start, end) / total * 1.15);
				var submitted = end.plusDays(4).atTime(10, 0).toInstant(ZoneOffset.ofHours(8));
				long report = repository.insertReport(id, leadUnit, true, ReportCycle.MONTHLY.label(end), end,
						BigDecimal.valueOf(progress).setScale(4, RoundingMode.HALF_UP),
						higher.kind() == MeasureKind.LONG_TERM ? BigDecimal.valueOf(10 + progress * 90).setScale(1, RoundingMode.HALF_UP) : null,
						false, "银川市对照自治区措施推进：" + item[2] + "。", null, "下月继续推进", false, null, "demo", submitted);
				repository.insertEvidence(report, evidence.id(), evidence.name(), evidence.size(), evidence.sha256());
				repository.insertReview(report, "ACCEPT", "同意", "demo", submitted.plusSeconds(86_400));
				repository.acceptInto(repository.report(report).orElseThrow());
			}
		}
		return items.length;
	}

	private void measure(long mechanism, String code, Item item, MeasureKind kind, LocalDate start, LocalDate due,
			StoredFile evidence, LocalDate today) {
		Long leadUnit = unit(item.lead());
		long id = repository.insertMeasure(mechanism, code, item.title(), "落实\"37条措施\"：" + item.title() + "。",
				item.category(), leadUnit, null, "《若干措施》第" + code.substring(3) + "条", kind, start, due,
				ReportCycle.MONTHLY, BigDecimal.ONE, null, null, "demo");
		for (int p : item.partners()) {
			if (p != item.lead()) {
				repository.insertPartner(id, unit(p), DUTIES[p - 1] + "方面配合");
			}
		}
		boolean stage = kind == MeasureKind.LONG_TERM;
		LocalDate stageEnd = today.minusMonths(1).withDayOfMonth(1).minusDays(1); // the end of the month before last
		if (stage) {
			repository.insertTarget(id, "第一阶段", stageEnd, "阶段性目标", "完成率", BigDecimal.valueOf(10), BigDecimal.valueOf(40), "%");
			repository.insertTarget(id, "第二阶段", due.minusYears(1), "阶段性目标", "完成率", BigDecimal.valueOf(10),
					BigDecimal.valueOf(75), "%");
			repository.insertTarget(id, "终期", due, "全面完成", "完成率", BigDecimal.valueOf(10), BigDecimal.valueOf(100), "%");
		}
		// monthly reports from the start up to last month (the silent ones stopped three months ago)
		LocalDate lastOwed = ReportCycle.MONTHLY.previousEnd(today);
		LocalDate stop = item.story() == Story.SILENT || stage && item.story() == Story.BEHIND
				? ReportCycle.MONTHLY.endOf(lastOwed.minusMonths(3)) : lastOwed;
		double total = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(start, due));
		List<LocalDate> cycles = new ArrayList<>();
		for (LocalDate end = ReportCycle.MONTHLY.endOf(start); !end.isAfter(stop) && !end.isAfter(due);
				end = ReportCycle.MONTHLY.endOf(end.plusDays(1))) {
			cycles.add(end);
		}
		for (int i = 0; i < cycles.size(); i++) {
			LocalDate end = cycles.get(i);
			double share = java.time.temporal.ChronoUnit.DAYS.between(start, end) / total;
			double pace = switch (item.story()) {
				case BEHIND, LATE -> 0.2;
				case SILENT -> 0.8;
				case STAGE_MISSED -> 0.6;
				case DUE_SOON -> 0.92;
				case DONE -> 2.0;
				default -> 1.1;
			};
			double progress = Math.min(1.0, share * pace);
			if (item.story() == Story.DONE && i == cycles.size() - 1) {
				progress = 1.0;
			}
			boolean last = i == cycles.size() - 1;
			BigDecimal indicator = stage ? BigDecimal.valueOf(10 + progress * 90).setScale(1, RoundingMode.HALF_UP) : null;
			if (stage && item.story() != Story.STAGE_MISSED && !end.isBefore(stageEnd)) {
				indicator = indicator.max(BigDecimal.valueOf(42));
			}
			boolean needs = item.story() == Story.BEHIND && last || item.story() == Story.LATE && i == cycles.size() - 2;
			var submitted = end.plusDays(3).atTime(10, 0).toInstant(ZoneOffset.ofHours(8));
			long report = repository.insertReport(id, leadUnit, true, ReportCycle.MONTHLY.label(end), end,
					BigDecimal.valueOf(progress).setScale(4, RoundingMode.HALF_UP), indicator,
					item.story() == Story.DONE && last, "本月围绕“" + item.title() + "”开展工作，完成阶段任务。", needs ? "部门协同不足，经费未落实" : null,
					"下月继续推进", needs, needs ? "请协调编制、财政部门明确人员和经费保障" : null, "demo", submitted);
			if (last || i % 3 == 0) {
				repository.insertEvidence(report, evidence.id(), evidence.name(), evidence.size(), evidence.sha256());
			}
			// the latest report of the on-track ones waits for review; the rest were accepted
			if (!(last && item.story() == Story.ON_TRACK && code.hashCode() % 2 == 0)) {
				repository.insertReview(report, "ACCEPT", "同意", "nx-social", submitted.plusSeconds(86_400 * 2));
				repository.acceptInto(repository.report(report).orElseThrow());
			}
		}
		if (item.story() == Story.DONE) {
			repository.close(id, "nx-social", today.minusDays(5).atStartOfDay(clock.zone()).toInstant());
		}
	}
}
