package cn.grassroots.surveys;

import static cn.grassroots.Api.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Test helpers for reminder rounds over the API. */
final class Reminders {

	private Reminders() {
	}

	static String url(long questionnaire, long distribution) {
		return "/api/v1/surveys/" + questionnaire + "/distributions/" + distribution + "/reminders";
	}

	static ResultActions remind(MockMvc mvc, String user, long questionnaire, long distribution, String json) throws Exception {
		return mvc.perform(post(url(questionnaire, distribution)).with(as(user)).contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	/** A round's workbook as rows of cell texts (the header first). */
	static List<List<String>> sheet(MockMvc mvc, String user, long questionnaire, long distribution, long round)
			throws Exception {
		byte[] xlsx = mvc.perform(get(url(questionnaire, distribution) + "/" + round + "/sheet").with(as(user)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		return rows(xlsx);
	}

	static List<List<String>> rows(byte[] xlsx) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		DataFormatter f = new DataFormatter();
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet s = wb.getSheetAt(0);
			for (int r = 0; r <= s.getLastRowNum(); r++) {
				Row row = s.getRow(r);
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < 10; c++) {
					cells.add(row.getCell(c) == null ? "" : f.formatCellValue(row.getCell(c)));
				}
				rows.add(cells);
			}
		}
		return rows;
	}

	/** The token hash as stored (SHA-256, hex). */
	static String hash(String token) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
	}
}
