package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import cn.grassroots.IntegrationTest;
import cn.grassroots.measures.internal.TrainingIntake;
import cn.grassroots.training.ActionListAdopted;

/** A seminar item is the community's: its secretary sees it and reports on it; the province sees how many are done. */
@IntegrationTest
class TrainingMeasuresScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TrainingIntake intake;

	@Test
	void theCommunitySecretaryReportsOnItsItemAndOthersSeeOnlyWhatTheirScopeHolds() throws Exception {
		long listId = System.nanoTime() % 1_000_000_000L;
		long itemId = listId * 10 + 1;
		var item = new ActionListAdopted.Item(itemId, "建立小区议事会", 1L, 230102001001L, LocalDate.of(2099, 6, 30), "议事会每月一次");
		var other = new ActionListAdopted.Item(itemId + 1, "楼栋长全覆盖", 1L, 230103001001L, LocalDate.of(2099, 6, 30), null);
		assertThat(intake.take(new ActionListAdopted(listId, 7L, 230000000000L, List.of(item, other)))).isEqualTo(2);
		assertThat(intake.take(new ActionListAdopted(listId, 7L, 230000000000L, List.of(item, other)))).isZero();
		long mine = jdbc.sql("SELECT id FROM measure WHERE source_item_id = :i").param("i", itemId).query(Long.class).single();
		long theirs = jdbc.sql("SELECT id FROM measure WHERE source_item_id = :i").param("i", itemId + 1).query(Long.class).single();
		long mechanism = jdbc.sql("SELECT mechanism_id FROM measure WHERE id = :id").param("id", mine).query(Long.class).single();

		mvc.perform(get("/api/v1/measures/" + mine).with(as("hlj-secretary"))).andExpect(status().isOk());
		mvc.perform(get("/api/v1/measures/" + theirs).with(as("hlj-secretary"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/mechanisms/" + mechanism + "/measures").param("size", "100").with(as("hlj-secretary")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[?(@.id == " + theirs + ")]").isEmpty())
			.andExpect(jsonPath("$.content[?(@.id == " + mine + ")]").isNotEmpty());
		new MeasureFixtures(mvc, jdbc).report(mine, "hlj-secretary", "0.5", null).andExpect(status().isCreated())
			.andExpect(jsonPath("$.responsible").value(true));
		mvc.perform(get("/api/v1/mechanisms/" + mechanism + "/measures").param("size", "100").with(as("hlj-admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[?(@.id == " + theirs + ")]").isNotEmpty());
		mvc.perform(get("/api/v1/measures/" + mine).with(as("nx-admin"))).andExpect(status().isForbidden());
		// the secretary's desk lists the community's item
		mvc.perform(get("/measures/desk").with(as("hlj-secretary"))).andExpect(status().isOk())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("建立小区议事会")));
	}
}
