package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;
import cn.grassroots.measures.internal.MeasuresClock;
import cn.grassroots.measures.internal.NoticeService;

/** 督办单 by colour from the daily run (idempotent the same day), by hand, and the unit's response. */
@IntegrationTest
class SupervisionNoticeTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NoticeService notices;

	@Autowired
	MeasuresClock clock;

	MeasureFixtures fx;
	long mech;

	@BeforeEach
	void setUp() throws Exception {
		fx = new MeasureFixtures(mvc, jdbc);
		mech = fx.mechanism();
	}

	@AfterEach
	void resetClock() {
		clock.use(null);
	}

	private void today(LocalDate day) {
		clock.use(Clock.fixed(day.atTime(9, 0).atZone(SHANGHAI).toInstant(), SHANGHAI));
	}

	private List<String> openColours(long measure) {
		return jdbc.sql("SELECT colour FROM measure_notice WHERE measure_id = :m AND closed_on IS NULL ORDER BY colour")
			.param("m", measure).query(String.class).list();
	}

	@Test
	void theDailyRunIssuesEachColourByItsConditionAndASecondRunTheSameDayChangesNothing() throws Exception {
		today(LocalDate.of(2026, 6, 10));
		long dueSoon = fx.measure(mech, "N01", fx.civil, "2026-06-20");
		long overdue = fx.measure(mech, "N02", fx.civil, "2026-06-01");
		long onTrack = fx.measure(mech, "N03", fx.civil, "2026-12-31");
		fx.accept(fx.reportId(onTrack, "nx-civil", "0.5", null, "cycle", "2026-05"));
		fx.accept(fx.reportId(dueSoon, "nx-civil", "0.9", null, "cycle", "2026-05"));
		var first = notices.runDaily();
		assertThat(first.issued()).isGreaterThanOrEqualTo(3);
		assertThat(openColours(dueSoon)).containsExactly("BLUE", "YELLOW");
		assertThat(openColours(overdue)).containsExactly("RED");
		assertThat(openColours(onTrack)).isEmpty();
		long rows = fx.count("SELECT COUNT(*) FROM measure_notice");
		long reminders = fx.count("SELECT COUNT(*) FROM measure_reminder");
		var second = notices.runDaily();
		assertThat(second.changedNothing()).isTrue();
		assertThat(fx.count("SELECT COUNT(*) FROM measure_notice")).isEqualTo(rows);
		assertThat(fx.count("SELECT COUNT(*) FROM measure_reminder")).isEqualTo(reminders);
		assertThat(jdbc.sql("SELECT response_due FROM measure_notice WHERE measure_id = :m").param("m", overdue)
			.query(LocalDate.class).single()).isEqualTo(LocalDate.of(2026, 6, 17));
	}

	@Test
	void aNoticeClosesWhenItsConditionClearsAndTheMeasureIsClosedOut() throws Exception {
		today(LocalDate.of(2026, 6, 10));
		long m = fx.measure(mech, "N04", fx.civil, "2026-06-20");
		notices.runDaily();
		assertThat(openColours(m)).contains("BLUE");
		fx.accept(fx.reportId(m, "nx-civil", "1", "证".getBytes(), "cycle", "2026-06"));
		mvc.perform(post("/api/v1/measures/" + m + "/close-out").with(as("nx-social"))).andExpect(status().isOk());
		notices.runDaily();
		assertThat(openColours(m)).isEmpty();
		assertThat(fx.count("SELECT COUNT(*) FROM measure_notice WHERE measure_id = ? AND closed_on = ?", m,
				LocalDate.of(2026, 6, 10))).isGreaterThanOrEqualTo(1);
	}

	@Test
	void aUnitIsRemindedAtMostOncePerCycle() throws Exception {
		today(LocalDate.of(2026, 6, 15));
		long justice = fx.justice;
		fx.measure(mech, "N05", justice, "2026-12-31");
		fx.measure(mech, "N06", justice, "2026-12-31");
		notices.runDaily();
		String addressee = "unit:" + justice;
		assertThat(jdbc.sql("SELECT measure_count FROM measure_reminder WHERE addressee = :a AND cycle_label = '2026-05'")
			.param("a", addressee).query(Integer.class).list()).hasSize(1);
		today(LocalDate.of(2026, 6, 16));
		notices.runDaily();
		assertThat(fx.count("SELECT COUNT(*) FROM measure_reminder WHERE addressee = ?", addressee)).isEqualTo(1);
		today(LocalDate.of(2026, 7, 11));
		notices.runDaily();
		assertThat(jdbc.sql("SELECT cycle_label FROM measure_reminder WHERE addressee = :a ORDER BY cycle_label")
			.param("a", addressee).query(String.class).list()).containsExactly("2026-05", "2026-06");
	}

	@Test
	void aNoticeByHandIsOneOpenPerColourAndTheUnitRespondsOnce() throws Exception {
		long m = fx.measure(mech, "N07", fx.civil, "2099-12-31");
		String notice = "{'colour':'YELLOW','reason':'进度滞后，请说明'}";
		mvc.perform(post("/api/v1/measures/" + m + "/notices").with(as("nx-civil")).contentType(MediaType.APPLICATION_JSON)
			.content(MeasureFixtures.json(notice))).andExpect(status().isForbidden());
		String body = mvc.perform(post("/api/v1/measures/" + m + "/notices").with(as("nx-social"))
			.contentType(MediaType.APPLICATION_JSON).content(MeasureFixtures.json(notice)))
			.andExpect(status().isCreated()).andExpect(jsonPath("$.unitId").value(fx.civil))
			.andReturn().getResponse().getContentAsString();
		long id = MeasureFixtures.id(body);
		mvc.perform(post("/api/v1/measures/" + m + "/notices").with(as("nx-admin")).contentType(MediaType.APPLICATION_JSON)
			.content(MeasureFixtures.json(notice))).andExpect(status().isConflict());
		String response = MeasureFixtures.json("{'response':'已调配力量，月底前补齐'}");
		mvc.perform(post("/api/v1/measures/notices/" + id + "/response").with(as("nx-social"))
			.contentType(MediaType.APPLICATION_JSON).content(response)).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/measures/notices/" + id + "/response").with(as("nx-civil"))
			.contentType(MediaType.APPLICATION_JSON).content(response))
			.andExpect(status().isOk()).andExpect(jsonPath("$.respondedBy").value("nx-civil"));
		mvc.perform(post("/api/v1/measures/notices/" + id + "/response").with(as("nx-civil"))
			.contentType(MediaType.APPLICATION_JSON).content(response)).andExpect(status().isConflict());
		mvc.perform(get("/api/v1/measures/" + m + "/notices").with(as("nx-civil")))
			.andExpect(jsonPath("$[0].response").value("已调配力量，月底前补齐"));
		mvc.perform(get("/api/v1/measures/" + m + "/notices").with(as("hlj-admin"))).andExpect(status().isForbidden());
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_NOTICE_RESPOND' AND target_id = ?",
				Long.toString(id))).isEqualTo(1);
	}

	@Test
	void onlyASystemAdministratorRunsTheDailyJobByHand() throws Exception {
		mvc.perform(post("/api/v1/measures/daily-run").with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/measures/daily-run").with(as("sys-admin"))).andExpect(status().isOk())
			.andExpect(jsonPath("$.measures").isNumber());
	}
}
