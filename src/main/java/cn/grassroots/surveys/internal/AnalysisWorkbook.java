package cn.grassroots.surveys.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.RegionLevel;

/**
 * The analysis tables of a questionnaire as one XLSX, with the same scope and filters as the page:
 * the summary by role and by region, every question's counts and shares (means for scales and
 * numbers), the ranking of every choice question, and the cross-tab when one is asked for. Sheet and
 * column names come from the surveys bundle in the caller's language.
 */
@Component
public class AnalysisWorkbook {

	private final AnalysisService analysis;
	private final QuestionnaireService questionnaires;
	private final OrgDirectory directory;
	private final MessageSource messages;

	AnalysisWorkbook(AnalysisService analysis, QuestionnaireService questionnaires, OrgDirectory directory,
			MessageSource messages) {
		this.analysis = analysis;
		this.questionnaires = questionnaires;
		this.directory = directory;
		this.messages = messages;
	}

	public byte[] write(long id, RegionLevel level, AnalysisService.Filter filter, String row, String col, Locale locale)
			throws IOException {
		Form form = questionnaires.form(id, null);
		var summary = analysis.summary(id, level, filter);
		var statistics = analysis.statistics(id, filter);
		AnalysisService.Crosstab crosstab = row != null && !row.isBlank() && col != null && !col.isBlank()
				? analysis.crosstab(id, row, col, level, filter) : null;
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = wb.createCellStyle();
			Font font = wb.createFont();
			font.setBold(true);
			bold.setFont(font);
			CellStyle percent = wb.createCellStyle();
			percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));

			Sheet s = wb.createSheet(m("surveys.xlsx.summary", locale));
			int r = 0;
			cells(s.createRow(r++), bold, form.title().in(locale));
			cells(s.createRow(r++), null, m("surveys.page.responses", locale), Long.toString(summary.responses()));
			r++;
			cells(s.createRow(r++), bold, m("surveys.page.role", locale), m("surveys.page.count", locale));
			for (var e : summary.byRole().entrySet()) {
				Row x = s.createRow(r++);
				x.createCell(0).setCellValue(RespondentRole.valueOf(e.getKey()).chinese());
				x.createCell(1).setCellValue(e.getValue());
			}
			r++;
			cells(s.createRow(r++), bold, m("surveys.page.region", locale), m("surveys.xlsx.regionName", locale),
					m("surveys.page.count", locale));
			for (var e : summary.byRegion().entrySet()) {
				Row x = s.createRow(r++);
				x.createCell(0).setCellValue(e.getKey());
				x.createCell(1).setCellValue(directory.region(e.getKey()).map(g -> g.name()).orElse(e.getKey()));
				x.createCell(2).setCellValue(e.getValue());
			}
			s.setColumnWidth(0, 20 * 256);
			s.setColumnWidth(1, 24 * 256);

			Sheet st = wb.createSheet(m("surveys.xlsx.statistics", locale));
			r = 0;
			cells(st.createRow(r++), bold, m("surveys.xlsx.question", locale), m("surveys.xlsx.label", locale),
					m("surveys.xlsx.value", locale), m("surveys.xlsx.valueLabel", locale), m("surveys.page.count", locale),
					m("surveys.page.share", locale), m("surveys.xlsx.answered", locale), m("surveys.page.mean", locale));
			for (var q : statistics.questions()) {
				String label = q.label() == null ? q.name() : q.label().in(locale);
				if (q.counts().isEmpty()) {
					Row x = st.createRow(r++);
					cells(x, null, q.name(), label, "", "");
					x.createCell(6).setCellValue(q.answered());
					if (q.mean() != null) {
						x.createCell(7).setCellValue(q.mean().doubleValue());
					}
				}
				for (var c : q.counts()) {
					Row x = st.createRow(r++);
					cells(x, null, q.name(), label, c.value(), c.label() == null ? c.value() : c.label().in(locale));
					x.createCell(4).setCellValue(c.count());
					x.createCell(5).setCellValue(c.share());
					x.getCell(5).setCellStyle(percent);
					x.createCell(6).setCellValue(q.answered());
					if (q.mean() != null) {
						x.createCell(7).setCellValue(q.mean().doubleValue());
					}
				}
			}
			st.setColumnWidth(1, 30 * 256);
			st.setColumnWidth(3, 20 * 256);

			Sheet rk = wb.createSheet(m("surveys.xlsx.ranking", locale));
			r = 0;
			cells(rk.createRow(r++), bold, m("surveys.xlsx.question", locale), m("surveys.xlsx.rank", locale),
					m("surveys.xlsx.value", locale), m("surveys.xlsx.valueLabel", locale), m("surveys.page.count", locale),
					m("surveys.finding.points", locale));
			for (Question q : form.questions()) {
				if (!q.type().hasChoices()) {
					continue;
				}
				var ranking = analysis.ranking(id, q.name(), filter);
				int place = 1;
				for (var item : ranking.items()) {
					Row x = rk.createRow(r++);
					cells(x, null, q.name(), Integer.toString(place++), item.value(),
							item.label() == null ? item.value() : item.label().in(locale));
					x.createCell(4).setCellValue(item.count());
					x.createCell(5).setCellValue(item.points());
				}
			}
			rk.setColumnWidth(3, 20 * 256);

			if (crosstab != null) {
				Sheet ct = wb.createSheet(m("surveys.xlsx.crosstab", locale));
				Row h = ct.createRow(0);
				h.createCell(0).setCellValue(crosstab.row() + " × " + crosstab.col());
				h.getCell(0).setCellStyle(bold);
				for (int j = 0; j < crosstab.cols().size(); j++) {
					var l = crosstab.colLabels().get(j);
					h.createCell(j + 1).setCellValue(l == null ? crosstab.cols().get(j) : l.in(locale));
					h.getCell(j + 1).setCellStyle(bold);
				}
				for (int i = 0; i < crosstab.rows().size(); i++) {
					Row x = ct.createRow(i + 1);
					var l = crosstab.rowLabels().get(i);
					x.createCell(0).setCellValue(l == null ? crosstab.rows().get(i) : l.in(locale));
					for (int j = 0; j < crosstab.cols().size(); j++) {
						x.createCell(j + 1).setCellValue(crosstab.counts()[i][j]);
					}
				}
				ct.setColumnWidth(0, 24 * 256);
			}
			wb.write(out);
			return out.toByteArray();
		}
	}

	private static void cells(Row row, CellStyle style, String... values) {
		for (int i = 0; i < values.length; i++) {
			row.createCell(i).setCellValue(values[i]);
			if (style != null) {
				row.getCell(i).setCellStyle(style);
			}
		}
	}

	private String m(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}

	static List<String> sheetKeys() {
		return List.of("surveys.xlsx.summary", "surveys.xlsx.statistics", "surveys.xlsx.ranking", "surveys.xlsx.crosstab");
	}
}
