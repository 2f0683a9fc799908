package cn.grassroots.training;

import static cn.grassroots.Api.as;
import static cn.grassroots.training.TrainingFixtures.json;
import static cn.grassroots.training.TrainingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.jayway.jsonpath.JsonPath;

import cn.grassroots.IntegrationTest;

/**
 * A seminar's groups write their lists; adopting one freezes it (409 on any change) and publishes
 * ActionListAdopted with its items, which the measures module turns into measures; each trainee
 * sees their own items, and the lists export to XLSX. Facilitators are per-person assignments.
 */
@IntegrationTest
@EnableScenarios
class SeminarListAdoptionTests {

	private static final String SHENGBAOSHE = "230102001001";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	TrainingFixtures fx;

	@BeforeEach
	void setUp() {
		fx = new TrainingFixtures(mvc, jdbc);
	}

	private ResultActions post(String account, String uri, String body) throws Exception {
		return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(uri).with(as(account))
			.contentType(MediaType.APPLICATION_JSON).content(json(body)));
	}

	private static long id(ResultActions r) throws Exception {
		return TrainingFixtures.id(r.andReturn().getResponse().getContentAsString());
	}

	@Test
	void anAdoptedListIsPublishedWithItsItemsBecomesMeasuresAndNeverChangesAgain(Scenario scenario) throws Exception {
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		long secretary = fx.personOf("hlj-secretary");
		long grid = fx.personOf("hlj-grid");
		long teacher = fx.personOf("hlj-teacher");
		fx.enrolConfirmed(p, classroom, secretary);
		fx.enrolConfirmed(p, classroom, grid);
		post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/staff",
				"{'personId':" + teacher + ",'role':'FACILITATOR'}").andExpect(status().isCreated());

		String topic = unique("物业矛盾化解");
		long seminar = id(post("harbin-admin", "/api/v1/training/classrooms/" + classroom + "/seminars",
				"{'topic':'" + topic + "','heldOn':'2026-06-21'}").andExpect(status().isCreated()));
		// the facilitator must be assigned to the classroom as one
		post("harbin-admin", "/api/v1/training/seminars/" + seminar + "/groups",
				"{'name':'第一组','facilitatorPersonId':" + grid + "}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("facilitatorPersonId"));
		long group = id(post("harbin-admin", "/api/v1/training/seminars/" + seminar + "/groups",
				"{'name':'第一组','facilitatorPersonId':" + teacher + "}").andExpect(status().isCreated()));
		// a city cannot touch another city's classroom's seminar, nor read it
		post("nx-admin", "/api/v1/training/seminars/" + seminar + "/groups", "{'name':'外组','facilitatorPersonId':" + teacher + "}")
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/seminars/" + seminar).with(as("nx-admin"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/training/classrooms/" + classroom + "/seminars").with(as("nx-admin")))
			.andExpect(status().isForbidden());

		post("hlj-teacher", "/api/v1/training/seminar-groups/" + group + "/members", "{'personIds':[" + secretary + "]}")
			.andExpect(status().isForbidden());
		post("harbin-admin", "/api/v1/training/seminar-groups/" + group + "/members",
				"{'personIds':[" + secretary + "," + grid + ",987654321]}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("personIds[2]"));
		post("harbin-admin", "/api/v1/training/seminar-groups/" + group + "/members", "{'personIds':[" + secretary + "," + grid + "]}")
			.andExpect(status().isOk()).andExpect(jsonPath("$.members.length()").value(2));

		// the facilitator writes the list; someone who is not cannot
		String item = "{'title':'网格员入户走访全覆盖','ownerPersonId':" + secretary + ",'communityCode':'" + SHENGBAOSHE
				+ "','deadline':'2026-12-31','expectedResult':'每月走访一遍'}";
		post("hlj-grid", "/api/v1/training/seminar-groups/" + group + "/items", item).andExpect(status().isForbidden());
		post("hlj-teacher", "/api/v1/training/seminar-groups/" + group + "/items",
				"{'title':'x','ownerPersonId':" + teacher + ",'communityCode':'2301','deadline':'2020-01-01','expectedResult':'y'}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("ownerPersonId",
					"communityCode", "deadline")));
		long first = id(post("hlj-teacher", "/api/v1/training/seminar-groups/" + group + "/items", item)
			.andExpect(status().isCreated()));
		long second = id(post("hlj-teacher", "/api/v1/training/seminar-groups/" + group + "/items",
				"{'title':'物业党建联建协调会','ownerPersonId':" + grid + ",'communityCode':'" + SHENGBAOSHE
						+ "','deadline':'2027-03-31','expectedResult':'每季度一次'}")
			.andExpect(status().isCreated()));
		long dropped = id(post("hlj-teacher", "/api/v1/training/seminar-groups/" + group + "/items",
				"{'title':'临时措施','ownerPersonId':" + grid + ",'communityCode':'" + SHENGBAOSHE
						+ "','deadline':'2027-03-31','expectedResult':'—'}")
			.andExpect(status().isCreated()));
		mvc.perform(delete("/api/v1/training/action-items/" + dropped).with(as("hlj-teacher"))).andExpect(status().isNoContent());
		assertThat(fx.audits("TRAINING_ACTION_ITEM_REMOVE", jdbc.sql("SELECT list_id FROM training_action_item WHERE id = :i")
			.param("i", first).query(Long.class).single())).isEqualTo(1);
		long listId = jdbc.sql("SELECT id FROM training_action_list WHERE group_id = :g").param("g", group).query(Long.class).single();

		// only officers and head teachers adopt; adopting publishes the event with the list's items
		post("hlj-teacher", "/api/v1/training/seminar-groups/" + group + "/adopt", "{}").andExpect(status().isForbidden());
		scenario.stimulate(() -> {
			try {
				post("harbin-admin", "/api/v1/training/seminar-groups/" + group + "/adopt", "{}")
					.andExpect(status().isOk()).andExpect(jsonPath("$.listStatus").value("ADOPTED"));
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		})
			.andWaitForEventOfType(cn.grassroots.training.ActionListAdopted.class)
			.matching(e -> e.listId() == listId)
			.toArriveAndVerify(e -> {
				assertThat(e.programmeId()).isEqualTo(p);
				assertThat(e.sponsorRegionCode()).isEqualTo(230000000000L);
				assertThat(e.items()).extracting(cn.grassroots.training.ActionListAdopted.Item::itemId)
					.containsExactly(first, second);
				var a = e.items().get(0);
				assertThat(a.title()).isEqualTo("网格员入户走访全覆盖");
				assertThat(a.ownerPersonId()).isEqualTo(secretary);
				assertThat(a.communityCode()).isEqualTo(230102001001L);
				assertThat(a.deadline()).isEqualTo(java.time.LocalDate.of(2026, 12, 31));
				assertThat(a.expectedResult()).isEqualTo("每月走访一遍");
			});
		// end to end: the measures module takes the items in as 照单落实 measures of the sponsor region
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT COUNT(*) FROM measure WHERE code LIKE :c")
			.param("c", "ZD-" + listId + "-%").query(Long.class).single() == 2);
		assertThat(fx.audits("TRAINING_ACTION_LIST_ADOPT", listId)).isEqualTo(1);

		// never changes afterwards
		post("hlj-teacher", "/api/v1/training/seminar-groups/" + group + "/items", item).andExpect(status().isConflict());
		mvc.perform(delete("/api/v1/training/action-items/" + first).with(as("harbin-admin"))).andExpect(status().isConflict());
		post("harbin-admin", "/api/v1/training/seminar-groups/" + group + "/adopt", "{}").andExpect(status().isConflict());
		assertThat(jdbc.sql("SELECT COUNT(*) FROM training_action_item WHERE list_id = :l").param("l", listId)
			.query(Long.class).single()).isEqualTo(2);

		// each trainee's own items follow them home
		String mine = mvc.perform(get("/api/v1/training/my/action-items").with(as("hlj-secretary"))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		List<Number> myItems = JsonPath.read(mine, "$[*].item.id");
		assertThat(myItems.stream().map(Number::longValue)).contains(first).doesNotContain(second);
		assertThat(JsonPath.<List<String>>read(mine, "$[?(@.item.id == " + first + ")].seminarTopic")).containsExactly(topic);

		// the lists as XLSX
		byte[] xlsx = mvc.perform(get("/api/v1/training/seminars/" + seminar + "/lists.xlsx").with(as("harbin-admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = wb.getSheetAt(0);
			assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("具体措施");
			assertThat(sheet.getRow(2).getCell(4).getStringCellValue()).isEqualTo("网格员入户走访全覆盖");
			assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("已通过");
			assertThat(sheet.getRow(3).getCell(7).getStringCellValue()).isEqualTo("2027-03-31");
			assertThat(sheet.getLastRowNum()).isEqualTo(3);
		}
		mvc.perform(get("/api/v1/training/seminars/" + seminar + "/lists.xlsx").with(as("nx-admin")))
			.andExpect(status().isForbidden());
	}

	@Test
	void aSeminarTakesItsTopicFromASurveyFindingInScopeAndAnEmptyListCannotBeAdopted() throws Exception {
		long finding = 700_000_000L + System.nanoTime() % 1_000_000L;
		jdbc.sql("INSERT INTO training_topic_candidate (finding_id, questionnaire_id, title, region_code, received_at)"
				+ " VALUES (:f, 1, '网格员负担重', 230102001001, CURRENT_TIMESTAMP)").param("f", finding).update();
		long ningxia = finding + 1;
		jdbc.sql("INSERT INTO training_topic_candidate (finding_id, questionnaire_id, title, region_code, received_at)"
				+ " VALUES (:f, 1, '宁夏的发现', 640104000000, CURRENT_TIMESTAMP)").param("f", ningxia).update();
		long p = fx.programme();
		long classroom = fx.classroom(p, "BRANCH", TrainingFixtures.HARBIN);
		post("harbin-admin", "/api/v1/training/classrooms/" + classroom + "/seminars", "{'findingId':" + ningxia
				+ ",'heldOn':'2026-06-21'}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("findingId"));
		post("harbin-admin", "/api/v1/training/classrooms/" + classroom + "/seminars", "{'heldOn':'2026-06-21'}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("topic"));
		long seminar = id(post("harbin-admin", "/api/v1/training/classrooms/" + classroom + "/seminars",
				"{'findingId':" + finding + ",'heldOn':'2026-06-21'}")
			.andExpect(status().isCreated()).andExpect(jsonPath("$.topic").value("网格员负担重")));
		post("hlj-secretary", "/api/v1/training/classrooms/" + classroom + "/seminars", "{'topic':'x','heldOn':'2026-06-21'}")
			.andExpect(status().isForbidden());
		post("hlj-admin", "/api/v1/training/classrooms/" + classroom + "/staff",
				"{'personId':" + fx.personOf("hlj-teacher") + ",'role':'HEAD_TEACHER'}").andExpect(status().isCreated());
		long group = id(post("hlj-teacher", "/api/v1/training/seminars/" + seminar + "/groups",
				"{'name':'第二组','facilitatorPersonId':" + fx.personOf("hlj-teacher") + "}").andExpect(status().isCreated()));
		post("hlj-teacher", "/api/v1/training/seminar-groups/" + group + "/adopt", "{}")
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("items"));
		assertThat(jdbc.sql("SELECT status FROM training_action_list WHERE group_id = :g").param("g", group)
			.query(String.class).single()).isEqualTo("DRAFT");
		assertThat(fx.audits("TRAINING_SEMINAR_CREATE", seminar)).isEqualTo(1);
	}
}
