package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.LinkedMultiValueMap;

import cn.grassroots.IntegrationTest;

/**
 * The forms on the pages: a region's administrator sets up a mechanism picking units from lists, the
 * coordinating unit changes its members and adds and changes measures with partners and staged
 * targets; bad input comes back beside its field and changes nothing; others are refused.
 */
@IntegrationTest
class MeasureFormPagesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MeasureFixtures fx;
	long mech;

	@BeforeEach
	void setUp() throws Exception {
		fx = new MeasureFixtures(mvc, jdbc);
		mech = fx.mechanism();
	}

	MockHttpServletRequestBuilder mechanismForm(String url, String name, String... overrides) {
		LinkedMultiValueMap<String, String> p = new LinkedMultiValueMap<>();
		p.add("name", name);
		p.add("level", "PROVINCE");
		p.add("regionCode", "64");
		p.add("leaderName", "王书记");
		p.add("leaderTitle", "自治区党委常委");
		p.add("foundingDocument", "宁党办〔2025〕3号");
		p.add("foundedOn", "2025-03-01");
		p.add("leadUnitId", Long.toString(fx.organisation));
		p.add("coordinatingUnitId", Long.toString(fx.social));
		p.put("memberUnitId", List.of(Long.toString(fx.civil), "", Long.toString(fx.police)));
		p.put("memberDuty", List.of("城乡社区治理", "", "社会治安"));
		return post(url).with(csrf()).params(with(p, overrides));
	}

	/** The form's values with some replaced: name, then its values separated by '|'. */
	static LinkedMultiValueMap<String, String> with(LinkedMultiValueMap<String, String> p, String... overrides) {
		for (int i = 0; i + 1 < overrides.length; i += 2) {
			p.put(overrides[i], List.of(overrides[i + 1].split("\\|", -1)));
		}
		return p;
	}

	@Test
	void aRegionsAdministratorSetsUpAMechanismPickingUnitsFromTheRegionsList() throws Exception {
		mvc.perform(get("/measures").with(as("nx-admin"))).andExpect(content().string(containsString("/measures/mechanisms/new")));
		mvc.perform(get("/measures").with(as("nx-civil"))).andExpect(content().string(not(containsString("/measures/mechanisms/new"))));
		mvc.perform(get("/measures/mechanisms/new").param("regionCode", "64").with(as("nx-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("<option value=\"" + fx.civil + "\">自治区民政厅</option>")));
		// htmx asks again when the region changes: only the form comes back
		mvc.perform(get("/measures/mechanisms/new").param("regionCode", "64").header("HX-Request", "true").with(as("nx-admin")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("id=\"mechanism-form\"")))
			.andExpect(content().string(not(containsString("<html"))));
		String name = MeasureFixtures.unique("表单机制");
		String location = mvc.perform(mechanismForm("/measures/mechanisms", name).with(as("nx-admin")))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long id = jdbc.sql("SELECT id FROM measure_mechanism WHERE name = :n").param("n", name).query(Long.class).single();
		assertThat(location).isEqualTo("/measures/mechanisms/" + id);
		assertThat(fx.count("SELECT COUNT(*) FROM measure_member WHERE mechanism_id = ?", id)).isEqualTo(4);
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MECHANISM_CREATE' AND target_id = ?", Long.toString(id)))
			.isEqualTo(1);
	}

	@Test
	void badInputComesBackBesideItsFieldAndCreatesNothing() throws Exception {
		long before = fx.count("SELECT COUNT(*) FROM measure_mechanism");
		mvc.perform(mechanismForm("/measures/mechanisms", "", "foundedOn", "2025-13-45").with(as("nx-admin")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("data-testid=\"form-errors\"")))
			.andExpect(content().string(containsString("must be a date (yyyy-MM-dd)")));
		mvc.perform(mechanismForm("/measures/mechanisms", "").with(as("nx-admin"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("is required")));
		assertThat(fx.count("SELECT COUNT(*) FROM measure_mechanism")).isEqualTo(before);
	}

	@Test
	void theCoordinatingUnitChangesMembersButAUnitWithMeasuresCannotLeave() throws Exception {
		fx.measure(mech, "F01", fx.police, "2099-12-31");
		mvc.perform(get("/measures/mechanisms/" + mech + "/edit").with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("selected=\"selected\">自治区公安厅</option>")));
		// dropping the police department, which leads F01, is refused
		mvc.perform(post("/measures/mechanisms/" + mech + "/edit").with(csrf()).with(as("nx-social")).param("name", "改名后的机制")
			.param("level", "PROVINCE").param("regionCode", "64").param("leaderName", "张书记")
			.param("leadUnitId", Long.toString(fx.organisation)).param("coordinatingUnitId", Long.toString(fx.social))
			.param("memberUnitId", Long.toString(fx.civil)).param("memberDuty", "城乡社区治理"))
			.andExpect(status().isOk()).andExpect(content().string(containsString("自治区公安厅")))
			.andExpect(content().string(containsString("cannot leave it")));
		assertThat(jdbc.sql("SELECT name FROM measure_mechanism WHERE id = :id").param("id", mech).query(String.class).single())
			.isNotEqualTo("改名后的机制");
		mvc.perform(post("/measures/mechanisms/" + mech + "/edit").with(csrf()).with(as("nx-social")).param("name", "改名后的机制")
			.param("level", "PROVINCE").param("regionCode", "64").param("leaderName", "张书记")
			.param("leadUnitId", Long.toString(fx.organisation)).param("coordinatingUnitId", Long.toString(fx.social))
			.param("memberUnitId", Long.toString(fx.civil), Long.toString(fx.police), Long.toString(fx.justice))
			.param("memberDuty", "城乡社区治理", "社会治安", "法治宣传"))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT name FROM measure_mechanism WHERE id = :id").param("id", mech).query(String.class).single())
			.isEqualTo("改名后的机制");
		assertThat(jdbc.sql("SELECT duty FROM measure_member WHERE mechanism_id = :m AND unit_id = :u").param("m", mech)
			.param("u", fx.justice).query(String.class).single()).isEqualTo("法治宣传");
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MECHANISM_UPDATE' AND target_id = ?", Long.toString(mech)))
			.isEqualTo(1);
	}

	MockHttpServletRequestBuilder measureForm(String url, String... overrides) {
		LinkedMultiValueMap<String, String> p = new LinkedMultiValueMap<>();
		p.add("code", "F10");
		p.add("title", "调整优化社区网格");
		p.add("category", "网格治理");
		p.add("kind", "LONG_TERM");
		p.add("reportCycle", "QUARTERLY");
		p.add("startDate", "2026-01-01");
		p.add("dueDate", "2028-12-31");
		p.add("weight", "2");
		p.add("leadUnitId", Long.toString(fx.civil));
		p.put("partnerUnitId", List.of(Long.toString(fx.police), ""));
		p.put("partnerPart", List.of("网格内治安巡查", ""));
		p.put("target.periodLabel", List.of("2026年", "2028年"));
		p.put("target.periodEnd", List.of("2026-12-31", "2028-12-31"));
		p.put("target.indicator", List.of("网格调整完成率", "网格调整完成率"));
		p.put("target.baseline", List.of("0", "0"));
		p.put("target.targetValue", List.of("50", "100"));
		p.put("target.unit", List.of("%", "%"));
		p.put("target.description", List.of("", ""));
		return post(url).with(csrf()).params(with(p, overrides));
	}

	@Test
	void theCoordinatingUnitAddsAndChangesAMeasureWithPartnersAndStagedTargets() throws Exception {
		mvc.perform(get("/measures/mechanisms/" + mech + "/measures/new").with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("<option value=\"" + fx.police + "\">自治区公安厅</option>")));
		String location = mvc.perform(measureForm("/measures/mechanisms/" + mech + "/measures").with(as("nx-social")))
			.andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
		long id = jdbc.sql("SELECT id FROM measure WHERE mechanism_id = :m AND code = 'F10'").param("m", mech).query(Long.class).single();
		assertThat(location).isEqualTo("/measures/" + id);
		assertThat(fx.count("SELECT COUNT(*) FROM measure_partner WHERE measure_id = ?", id)).isEqualTo(1);
		assertThat(fx.count("SELECT COUNT(*) FROM measure_target WHERE measure_id = ?", id)).isEqualTo(2);
		mvc.perform(get("/measures/" + id).with(as("nx-social"))).andExpect(content().string(containsString("/measures/" + id + "/edit")));
		mvc.perform(get("/measures/" + id + "/edit").with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"网格调整完成率\"")));
		// a changed title and a third stage; the stages keep their ids
		long firstStage = jdbc.sql("SELECT id FROM measure_target WHERE measure_id = :m AND period_label = '2026年'")
			.param("m", id).query(Long.class).single();
		mvc.perform(measureForm("/measures/" + id + "/edit", "title", "调整优化城乡社区网格", "target.periodLabel", "2026年|2028年|2027年",
				"target.periodEnd", "2026-12-31|2028-12-31|2027-12-31", "target.indicator", "网格调整完成率|网格调整完成率|网格调整完成率",
				"target.baseline", "0|0|0", "target.targetValue", "50|100|80", "target.unit", "%|%|%", "target.description", "||")
			.with(as("nx-social"))).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("SELECT title FROM measure WHERE id = :id").param("id", id).query(String.class).single())
			.isEqualTo("调整优化城乡社区网格");
		assertThat(fx.count("SELECT COUNT(*) FROM measure_target WHERE measure_id = ?", id)).isEqualTo(3);
		assertThat(fx.count("SELECT COUNT(*) FROM measure_target WHERE id = ?", firstStage)).isEqualTo(1);
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_UPDATE' AND target_id = ?", Long.toString(id)))
			.isEqualTo(1);
	}

	@Test
	void aMeasureWithBadInputIsNotSavedAndTheFormSaysWhy() throws Exception {
		long before = fx.count("SELECT COUNT(*) FROM measure WHERE mechanism_id = ?", mech);
		mvc.perform(measureForm("/measures/mechanisms/" + mech + "/measures", "target.baseline", "abc|0").with(as("nx-social")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("must be a number")));
		mvc.perform(measureForm("/measures/mechanisms/" + mech + "/measures", "dueDate", "2025-01-01").with(as("nx-social")))
			.andExpect(status().isOk()).andExpect(content().string(containsString("must not be before the start date")));
		assertThat(fx.count("SELECT COUNT(*) FROM measure WHERE mechanism_id = ?", mech)).isEqualTo(before);
	}

	@Test
	void aMemberUnitAndAnotherProvinceCannotOpenOrPostTheForms() throws Exception {
		long measure = fx.measure(mech, "F20", fx.civil, "2099-12-31");
		for (String user : List.of("nx-civil", "hlj-admin")) {
			mvc.perform(get("/measures/mechanisms/" + mech + "/edit").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get("/measures/mechanisms/" + mech + "/measures/new").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get("/measures/" + measure + "/edit").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(measureForm("/measures/mechanisms/" + mech + "/measures").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(measureForm("/measures/" + measure + "/edit").with(as(user))).andExpect(status().isForbidden());
		}
		mvc.perform(mechanismForm("/measures/mechanisms", "越权机制").with(as("nx-social"))).andExpect(status().isForbidden());
		assertThat(fx.count("SELECT COUNT(*) FROM measure WHERE mechanism_id = ? AND code = 'F10'", mech)).isZero();
	}
}
