package cn.grassroots.measures;

import static cn.grassroots.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import cn.grassroots.IntegrationTest;

/**
 * The printable meeting report: the mechanism's figures, its overdue measures and the agenda's
 * coordination requests with their decisions, in Chinese; downloaded from the API and the pages,
 * audited, and refused outside the whole mechanism.
 */
@IntegrationTest
class MeetingReportPdfTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	MeasureFixtures fx;
	long mech;
	long meeting;

	@BeforeEach
	void setUp() throws Exception {
		fx = new MeasureFixtures(mvc, jdbc);
		mech = fx.mechanism();
		long civilLeads = fx.measure(mech, "P01", fx.civil, "2099-12-31");
		fx.measure(mech, "{'code':'P02','title':'措施P02','kind':'ANNUAL','startDate':'2020-01-01','dueDate':'2020-06-30',"
				+ "'reportCycle':'MONTHLY','leadUnitId':" + fx.police + "}");
		fx.reportId(civilLeads, "nx-civil", "0.3", null, "needsCoordination", "true", "coordinationRequest", "网格员编制需编办协调");
		String body = mvc.perform(post("/api/v1/mechanisms/" + mech + "/meetings").with(as("nx-social"))
			.contentType(MediaType.APPLICATION_JSON).content(MeasureFixtures.json("{'title':'第三次全体会议','heldOn':'2026-12-01'}")))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		meeting = ((Number) JsonPath.read(body, "$.meeting.id")).longValue();
		long item = ((Number) JsonPath.read(body, "$.agenda[0].id")).longValue();
		mvc.perform(post("/api/v1/meetings/" + meeting + "/minutes").with(as("nx-social")).contentType(MediaType.APPLICATION_JSON)
			.content(MeasureFixtures.json("{'minutes':'会议研究了编制问题。','decisions':[{'itemId':" + item
					+ ",'decision':'由编办牵头核定编制'}]}")))
			.andExpect(status().isOk());
	}

	String text(byte[] pdf) throws Exception {
		PdfReader reader = new PdfReader(pdf);
		StringBuilder all = new StringBuilder();
		for (int p = 1; p <= reader.getNumberOfPages(); p++) {
			all.append(new PdfTextExtractor(reader).getTextFromPage(p));
		}
		return all.toString();
	}

	byte[] download(String url, String user) throws Exception {
		return mvc.perform(get(url).with(as(user))).andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_PDF)).andReturn().getResponse().getContentAsByteArray();
	}

	@Test
	void theMeetingsReportCarriesTheFiguresTheOverdueMeasureAndTheDecision() throws Exception {
		String text = text(download("/api/v1/meetings/" + meeting + "/report.pdf", "nx-social"));
		assertThat(text).contains("第三次全体会议").contains("总体情况").contains("各牵头单位推进情况").contains("自治区民政厅")
			.contains("逾期措施（1项）").contains("措施P02").contains("报送及时率").contains("网格员编制需编办协调")
			.contains("由编办牵头核定编制").contains("会议研究了编制问题。");
	}

	@Test
	void theDashboardsReportListsTheRequestsWaitingForTheNextMeeting() throws Exception {
		long other = fx.measure(mech, "P03", fx.civil, "2099-12-31");
		fx.reportId(other, "nx-civil", "0.2", null, "needsCoordination", "true", "coordinationRequest", "需财政厅安排经费");
		String text = text(download("/api/v1/mechanisms/" + mech + "/dashboard/report.pdf", "nx-admin"));
		assertThat(text).contains("待提交会议协调的事项（1项）").contains("需财政厅安排经费").doesNotContain("网格员编制需编办协调");
	}

	@Test
	void thePagesOfferTheSameDocumentAndEveryDownloadIsAudited() throws Exception {
		long before = fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_MEETING_REPORT'");
		download("/measures/meetings/" + meeting + "/report.pdf", "nx-social");
		download("/measures/mechanisms/" + mech + "/dashboard.pdf", "nx-social");
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_MEETING_REPORT'")).isEqualTo(before + 2);
		mvc.perform(get("/measures/meetings/" + meeting).with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/measures/meetings/" + meeting + "/report.pdf")));
		mvc.perform(get("/measures/mechanisms/" + mech + "/dashboard").with(as("nx-social"))).andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/measures/mechanisms/" + mech + "/dashboard.pdf")));
	}

	@Test
	void aMemberUnitAndAnotherProvinceAreRefusedTheReport() throws Exception {
		long before = fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_MEETING_REPORT'");
		for (String user : List.of("nx-civil", "hlj-admin", "harbin-admin")) {
			mvc.perform(get("/api/v1/meetings/" + meeting + "/report.pdf").with(as(user))).andExpect(status().isForbidden());
			mvc.perform(get("/api/v1/mechanisms/" + mech + "/dashboard/report.pdf").with(as(user))).andExpect(status().isForbidden());
		}
		mvc.perform(get("/api/v1/meetings/999999999/report.pdf").with(as("nx-admin"))).andExpect(status().isNotFound());
		assertThat(fx.count("SELECT COUNT(*) FROM audit_event WHERE action = 'MEASURE_MEETING_REPORT'")).isEqualTo(before);
	}
}
