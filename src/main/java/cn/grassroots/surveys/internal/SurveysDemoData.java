package cn.grassroots.surveys.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
import cn.grassroots.org.RegionLevel;

/**
 * The demo (demo profile, empty surveys tables only, after org's demo): the seed's pre-training
 * questionnaire — 25 closed questions on grid management, service centres, property management,
 * burden and training needs, a number and 2 open questions — with 20,000 generated responses over
 * Heilongjiang's townships (deterministic: a fixed seed), the roles' answers leaning differently so
 * that the analysis and the findings show something. Start-up only checks that the surveys tables are empty
 * and starts a background thread (the whole load took 3.6 s on H2 under load, too long to hold start-up):
 * it creates the questionnaire, then writes the responses in JDBC batches of 2,000, each its own transaction.
 */
@Component
@Order(21)
class SurveysDemoData implements ApplicationRunner {

	static final String FORM_ID = "pretraining_2026";
	static final int RESPONSES = 20_000;
	static final long HEILONGJIANG = 230000000000L;

	private static final Logger log = LoggerFactory.getLogger(SurveysDemoData.class);

	private final QuestionnaireRepository questionnaires;
	private final ResponseRepository responses;
	private final OrgDirectory org;
	private final JdbcClient jdbc;
	private final Environment environment;
	private final TransactionTemplate tx;

	SurveysDemoData(QuestionnaireRepository questionnaires, ResponseRepository responses, OrgDirectory org, JdbcClient jdbc,
			Environment environment, TransactionTemplate tx) {
		this.questionnaires = questionnaires;
		this.responses = responses;
		this.org = org;
		this.jdbc = jdbc;
		this.environment = environment;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!environment.acceptsProfiles(Profiles.of("demo")) || environment.acceptsProfiles(Profiles.of("prod"))) {
			return;
		}
		// a load a restart cut short is finished, not repeated: its questionnaire is there with fewer responses
		java.util.Optional<Long> demo = jdbc.sql("SELECT id FROM survey_questionnaire WHERE form_id = :f AND created_by = 'demo'")
			.param("f", FORM_ID).query(Long.class).optional();
		long done = demo.map(id -> jdbc.sql("SELECT COUNT(*) FROM survey_response WHERE questionnaire_id = :q AND source = 'DEMO'")
			.param("q", id).query(Long.class).single()).orElse(0L);
		if (demo.isPresent() ? done >= RESPONSES
				: jdbc.sql("SELECT COUNT(*) FROM survey_questionnaire").query(Long.class).single() > 0) {
			return;
		}
		List<Long> regions = org.regionCodesAt(HEILONGJIANG, RegionLevel.TOWNSHIP);
		if (regions.isEmpty()) {
			regions = org.regionCodesAt(HEILONGJIANG, RegionLevel.COUNTY);
		}
		if (regions.isEmpty()) {
			return;
		}
		List<Long> places = regions;
		Thread thread = new Thread(() -> {
			try {
				if (demo.isPresent()) {
					resume(demo.get(), done, places);
				}
				else {
					load(places);
				}
			}
			catch (RuntimeException e) {
				log.warn("Surveys demo stopped: {}", e.toString());
			}
		}, "surveys-demo");
		thread.setDaemon(true);
		thread.start();
	}

	/** The questionnaire (through the XLSForm reader), then its responses. */
	private void load(List<Long> regions) {
		long start = System.nanoTime();
		Form form;
		try {
			form = Xlsform.read(new ByteArrayInputStream(workbook()));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		long id = tx.execute(s -> questionnaires.insert(form, HEILONGJIANG,
				new cn.grassroots.platform.RegionCode(HEILONGJIANG).subtreeEnd(), true, "demo"));
		long versionId = questionnaires.find(id).orElseThrow().currentVersionId();
		long created = (System.nanoTime() - start) / 1_000_000;
		load(form, id, versionId, regions);
		log.info("Surveys demo loaded in the background: questionnaire created in {} ms, then {} responses over {} regions "
				+ "in {} ms", created, RESPONSES, regions.size(), (System.nanoTime() - start) / 1_000_000 - created);
	}

	/**
	 * Finishes a load a restart interrupted: the generator is seeded, so the same responses come in the same
	 * order; the {@code done} already stored (whole batches, each committed on its own) are generated and skipped.
	 */
	void resume(long id, long done, List<Long> regions) {
		long start = System.nanoTime();
		long versionId = questionnaires.find(id).orElseThrow().currentVersionId();
		Form form = questionnaires.form(versionId);
		load(form, id, versionId, regions, done);
		log.info("Surveys demo resumed in the background: {} responses were there, {} added in {} ms", done,
				RESPONSES - done, (System.nanoTime() - start) / 1_000_000);
	}

	private void load(Form form, long id, long versionId, List<Long> regions) {
		load(form, id, versionId, regions, 0);
	}

	/** The responses in batches of 2,000, each committed on its own, so the analysis shows them as they arrive. */
	private void load(Form form, long id, long versionId, List<Long> regions, long skip) {
		ResponseCodec codec = new ResponseCodec(form);
		Random random = new Random(20260301L);
		RespondentRole[] roles = { RespondentRole.GRID_WORKER, RespondentRole.GRID_WORKER, RespondentRole.GRID_WORKER,
				RespondentRole.RESIDENT_REPRESENTATIVE, RespondentRole.RESIDENT_REPRESENTATIVE,
				RespondentRole.COMMUNITY_SECRETARY, RespondentRole.COMMUNITY_SECRETARY, RespondentRole.STREET_SECRETARY,
				RespondentRole.DEPARTMENT_OFFICER, RespondentRole.VOLUNTEER };
		Instant base = Instant.parse("2026-03-01T01:00:00Z");
		List<ResponseRepository.NewResponse> batch = new ArrayList<>(2000);
		for (int i = 0; i < RESPONSES; i++) {
			RespondentRole role = roles[random.nextInt(roles.length)];
			Map<String, Object> v = answers(random, role);
			long region = regions.get(random.nextInt(regions.size()));
			Instant at = base.plusSeconds(random.nextInt(14 * 24 * 3600));
			if (i < skip) {
				continue;
			}
			batch.add(new ResponseRepository.NewResponse(id, versionId, region, role, null, "DEMO", null, at,
					codec.encode(v)));
			if (batch.size() == 2000 || i == RESPONSES - 1) {
				List<ResponseRepository.NewResponse> rows = List.copyOf(batch);
				tx.executeWithoutResult(s -> responses.insert(rows));
				batch.clear();
			}
		}
	}

	/** The 15 problems of the burden section; grid workers lean to the first five, secretaries to the next five. */
	static final String[][] PROBLEMS = { { "forms", "填表报数多" }, { "apps", "政务APP和工作群多" }, { "meetings", "会议多" },
			{ "checks", "检查考核多" }, { "traces", "留痕要求多" }, { "duties", "权责不清" }, { "staff", "人手不足" },
			{ "funds", "经费不足" }, { "whistle", "吹哨报到响应慢" }, { "overload", "小马拉大车" }, { "property", "物业矛盾多" },
			{ "volunteers", "志愿者少" }, { "data", "数据不共享" }, { "training", "培训不足" }, { "pay", "待遇偏低" } };

	private static final String[] OBSTRUCTIONS = { "填表报数太多，网格员疲于应付", "上级部门吹哨报到响应慢，问题解决不了",
			"社区权责不清，小马拉大车", "政务APP太多，重复录入数据", "物业矛盾多，业委会难成立", "接诉即办考核压力大，留痕要求多",
			"人手不足，一人多岗", "数据不共享，基层反复采集" };

	private static final String[] SUGGESTIONS = { "精简报表，数据一次采集多方共享", "明确社区权责清单，减少摊派",
			"提高网格员待遇，稳定队伍", "加强业务培训，多开展案例教学", "推进红色物业，加强党建引领", "整合政务APP和工作群" };

	/** One respondent's answers, leaning as their role does (also used for the demo's named links). */
	static Map<String, Object> answers(Random r, RespondentRole role) {
		Map<String, Object> v = new HashMap<>();
		boolean grid = role == RespondentRole.GRID_WORKER;
		boolean secretary = role == RespondentRole.COMMUNITY_SECRETARY || role == RespondentRole.STREET_SECRETARY;
		v.put("years", BigDecimal.valueOf(1 + r.nextInt(grid ? 8 : 20)));
		v.put("full_time", pick(r, "yes", "yes", "no"));
		v.put("grid_size", pick(r, "fit", "fit", "large", grid ? "large" : "small"));
		v.put("grid_tasks", scale(r, grid ? 2 : 3));
		v.put("grid_access", pick(r, "yes", "no", secretary ? "yes" : "no"));
		v.put("whistle", scale(r, secretary ? 2 : 3));
		v.put("visits", pick(r, "weekly", "monthly", grid ? "daily" : "rarely"));
		v.put("centre_hours", scale(r, 4));
		v.put("centre_services", some(r, new String[] { "affairs", "elderly", "children", "legal", "health", "jobs" }, 3));
		v.put("centre_use", pick(r, "weekly", "monthly", "rarely"));
		v.put("platform", pick(r, "yes", "no"));
		v.put("owners_committee", pick(r, "yes", "no", "no"));
		v.put("property_satisfied", scale(r, 3));
		v.put("red_property", pick(r, "yes", "no"));
		v.put("property_conflicts", pick(r, "weekly", "monthly", "rarely"));
		v.put("burden", scale(r, grid || secretary ? 4 : 3));
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < PROBLEMS.length; i++) {
			double p = 0.15;
			if (i < 5 && grid) {
				p = 0.6;
			}
			else if (i >= 5 && i < 10 && secretary) {
				p = 0.55;
			}
			else if (i < 10) {
				p = 0.3;
			}
			if (r.nextDouble() < p) {
				problems.add(PROBLEMS[i][0]);
			}
		}
		if (problems.isEmpty()) {
			problems.add(PROBLEMS[r.nextInt(PROBLEMS.length)][0]);
		}
		v.put("problems", problems);
		List<String> top = new ArrayList<>(problems);
		java.util.Collections.shuffle(top, r);
		v.put("top3", top.subList(0, Math.min(3, top.size())));
		v.put("form_hours", pick(r, "h0", "h1", "h2", grid ? "h3" : "h1"));
		v.put("apps", pick(r, "a0", "a1", "a2", grid ? "a2" : "a1"));
		v.put("meetings", pick(r, "m0", "m1", "m2", secretary ? "m2" : "m1"));
		v.put("trend", pick(r, "lighter", "same", "heavier"));
		v.put("topics", some(r, new String[] { "policy", "grid", "property", "conflict", "digital", "service", "law", "cases" },
				3));
		v.put("format", pick(r, "onsite", "online", "mixed", "mixed"));
		v.put("days", pick(r, "d1", "d3", "d5"));
		v.put("past_training", scale(r, 3));
		if (r.nextInt(3) > 0) {
			v.put("obstruction", OBSTRUCTIONS[(grid ? r.nextInt(4) : 2 + r.nextInt(6)) % OBSTRUCTIONS.length]);
		}
		if (r.nextInt(2) == 0) {
			v.put("suggestion", SUGGESTIONS[r.nextInt(SUGGESTIONS.length)]);
		}
		return v;
	}

	private static String pick(Random r, String... options) {
		return options[r.nextInt(options.length)];
	}

	private static BigDecimal scale(Random r, int centre) {
		return BigDecimal.valueOf(Math.max(1, Math.min(5, centre + r.nextInt(3) - 1)));
	}

	private static List<String> some(Random r, String[] options, int most) {
		List<String> out = new ArrayList<>();
		for (String o : options) {
			if (out.size() < most && r.nextInt(3) == 0) {
				out.add(o);
			}
		}
		if (out.isEmpty()) {
			out.add(options[r.nextInt(options.length)]);
		}
		return out;
	}

	/** The questionnaire as XLSForm, so it goes through the same reader as an upload. */
	static byte[] workbook() {
		String[][] survey = {
				{ "type", "name", "label", "label::English (en)", "required", "parameters" },
				{ "begin_group", "basic", "基本情况", "About you" },
				{ "integer", "years", "从事基层工作年数", "Years in grassroots work" },
				{ "select_one yesno", "full_time", "是否专职", "Full-time", "yes" },
				{ "end_group" },
				{ "begin_group", "grid", "网格管理", "Grid management" },
				{ "select_one size", "grid_size", "网格划分是否合适", "Grid size", "yes" },
				{ "range", "grid_tasks", "网格事项清晰程度（1–5）", "Clarity of grid tasks (1–5)", "yes", "start=1 end=5" },
				{ "select_one yesno", "grid_access", "是否建立网格事项准入制度", "Grid task admission rules", "yes" },
				{ "range", "whistle", "吹哨报到效果（1–5）", "Whistle-and-report effect (1–5)", "yes", "start=1 end=5" },
				{ "select_one freq", "visits", "入户走访频次", "Household visits", "yes" },
				{ "end_group" },
				{ "begin_group", "centre", "党群服务中心", "Service centres" },
				{ "range", "centre_hours", "开放时间满意度（1–5）", "Opening hours (1–5)", "yes", "start=1 end=5" },
				{ "select_multiple services", "centre_services", "提供的服务", "Services offered" },
				{ "select_one freq", "centre_use", "群众使用频次", "Use by residents", "yes" },
				{ "select_one yesno", "platform", "是否使用数字化平台", "Digital platform in use" },
				{ "end_group" },
				{ "begin_group", "property", "物业管理", "Property management" },
				{ "select_one yesno", "owners_committee", "是否成立业委会", "Owners' committee" },
				{ "range", "property_satisfied", "物业服务满意度（1–5）", "Property service (1–5)", "yes", "start=1 end=5" },
				{ "select_one yesno", "red_property", "是否推行红色物业", "Party-led property service" },
				{ "select_one freq", "property_conflicts", "物业矛盾发生频次", "Property disputes" },
				{ "end_group" },
				{ "begin_group", "burden_section", "基层负担", "Burden" },
				{ "range", "burden", "工作负担（1–5）", "Burden (1–5)", "yes", "start=1 end=5" },
				{ "select_multiple problems", "problems", "存在的突出问题", "Problems" },
				{ "rank problems", "top3", "最突出的三个问题（排序）", "Worst three (ranked)" },
				{ "select_one hours", "form_hours", "每周填表报数用时", "Hours a week on forms" },
				{ "select_one apps", "apps", "使用的政务APP数量", "Government apps in use" },
				{ "select_one meetings", "meetings", "每周参加会议次数", "Meetings a week" },
				{ "select_one trend", "trend", "近一年负担变化", "Burden over the last year" },
				{ "end_group" },
				{ "begin_group", "training", "培训需求", "Training needs" },
				{ "select_multiple topics", "topics", "希望培训的内容", "Topics wanted" },
				{ "select_one format", "format", "希望的培训方式", "Format", "yes" },
				{ "select_one days", "days", "合适的培训时长", "Length" },
				{ "range", "past_training", "以往培训满意度（1–5）", "Past training (1–5)", null, "start=1 end=5" },
				{ "end_group" },
				{ "begin_group", "open", "意见建议", "Comments" },
				{ "text", "obstruction", "您认为基层治理中最大的“中梗阻”是什么", "The biggest obstruction" },
				{ "text", "suggestion", "您对改进工作的建议", "Suggestions" },
				{ "end_group" } };
		List<String[]> choices = new ArrayList<>();
		choices.add(new String[] { "list_name", "name", "label", "label::English (en)" });
		add(choices, "yesno", "yes", "是", "Yes", "no", "否", "No");
		add(choices, "size", "fit", "合适", "About right", "large", "偏大", "Too large", "small", "偏小", "Too small");
		add(choices, "freq", "daily", "每天", "Daily", "weekly", "每周", "Weekly", "monthly", "每月", "Monthly", "rarely", "很少",
				"Rarely");
		add(choices, "services", "affairs", "政务代办", "Errands", "elderly", "养老服务", "Elderly care", "children", "托育服务",
				"Childcare", "legal", "法律咨询", "Legal advice", "health", "健康服务", "Health", "jobs", "就业服务", "Jobs");
		for (String[] p : PROBLEMS) {
			choices.add(new String[] { "problems", p[0], p[1], p[0] });
		}
		add(choices, "hours", "h0", "2小时以内", "Under 2 h", "h1", "2–5小时", "2–5 h", "h2", "5–10小时", "5–10 h", "h3",
				"10小时以上", "Over 10 h");
		add(choices, "apps", "a0", "3个以内", "Up to 3", "a1", "4–6个", "4–6", "a2", "7个以上", "7 or more");
		add(choices, "meetings", "m0", "1次以内", "Up to 1", "m1", "2–3次", "2–3", "m2", "4次以上", "4 or more");
		add(choices, "trend", "lighter", "减轻", "Lighter", "same", "持平", "Same", "heavier", "加重", "Heavier");
		add(choices, "topics", "policy", "政策解读", "Policy", "grid", "网格化管理", "Grid management", "property", "物业管理",
				"Property", "conflict", "矛盾调解", "Mediation", "digital", "数字治理", "Digital governance", "service",
				"为民服务", "Services", "law", "基层法治", "Law", "cases", "典型案例", "Cases");
		add(choices, "format", "onsite", "集中面授", "On site", "online", "线上学习", "Online", "mixed", "线上线下结合", "Mixed");
		add(choices, "days", "d1", "1天", "1 day", "d3", "3天", "3 days", "d5", "5天", "5 days");
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			sheet(wb, "survey", List.of(survey));
			sheet(wb, "choices", choices);
			sheet(wb, "settings", List.<String[]>of(new String[] { "form_id", "form_title" },
					new String[] { FORM_ID, "党建引领基层治理培训前问卷调查" }));
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void add(List<String[]> choices, String list, String... triples) {
		for (int i = 0; i < triples.length; i += 3) {
			choices.add(new String[] { list, triples[i], triples[i + 1], triples[i + 2] });
		}
	}

	private static void sheet(XSSFWorkbook wb, String name, List<String[]> rows) {
		Sheet sheet = wb.createSheet(name);
		for (int i = 0; i < rows.size(); i++) {
			Row row = sheet.createRow(i);
			String[] cells = rows.get(i);
			for (int j = 0; j < cells.length; j++) {
				if (cells[j] != null) {
					row.createCell(j).setCellValue(cells[j]);
				}
			}
		}
	}
}
