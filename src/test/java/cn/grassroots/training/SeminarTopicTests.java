package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;
import cn.grassroots.surveys.FindingMarkedAsTopic;

/** The training module keeps its own copy of each FindingMarkedAsTopic, once, and offers it within scope. */
@IntegrationTest
class SeminarTopicTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	private long copies(long finding) {
		return jdbc.sql("SELECT COUNT(*) FROM training_topic_candidate WHERE finding_id = :f").param("f", finding)
			.query(Long.class).single();
	}

	@Test
	void aMarkedFindingIsKeptOnceAndOfferedInScope() throws Exception {
		long harbinFinding = 600_000_000L + System.nanoTime() % 1_000_000L;
		long ningxiaFinding = harbinFinding + 1;
		var harbin = new FindingMarkedAsTopic(harbinFinding, 77, "物业纠纷调处难", 230102001001L);
		tx.executeWithoutResult(s -> events.publishEvent(harbin));
		tx.executeWithoutResult(s -> events.publishEvent(harbin));
		tx.executeWithoutResult(s -> events.publishEvent(new FindingMarkedAsTopic(ningxiaFinding, 78, "网格员负担重", 640104000000L)));
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> copies(harbinFinding) == 1 && copies(ningxiaFinding) == 1);

		String asHarbin = mvc.perform(get("/api/v1/training/seminar-topics").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Number> ids = JsonPath.read(asHarbin, "$[*].findingId");
		assertThat(ids.stream().map(Number::longValue)).contains(harbinFinding).doesNotContain(ningxiaFinding);
		assertThat(JsonPath.<List<String>>read(asHarbin, "$[?(@.findingId == " + harbinFinding + ")].title"))
			.containsExactly("物业纠纷调处难");
		String asNingxia = mvc.perform(get("/api/v1/training/seminar-topics").with(as("nx-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Number> nx = JsonPath.read(asNingxia, "$[*].findingId");
		assertThat(nx.stream().map(Number::longValue)).contains(ningxiaFinding).doesNotContain(harbinFinding);
		String asGrid = mvc.perform(get("/api/v1/training/seminar-topics").with(as("hlj-grid")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<List<Object>>read(asGrid, "$")).isEmpty();
		assertThat(copies(harbinFinding)).isEqualTo(1);
	}
}
