package cn.grassroots.platform.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.grassroots.platform.files.XlsxSheetReader.Cell;
import cn.grassroots.platform.files.XlsxSheetReader.Kind;
import cn.grassroots.platform.files.XlsxSheetReader.Limits;
import cn.grassroots.platform.files.XlsxSheetReader.Problem;

/** The XLSX reader both imports use: typed cells, gaps, limits, stopping early, and the handler's own failures. */
class XlsxSheetReaderTest {

	@TempDir
	Path dir;

	private Path workbook(java.util.function.Consumer<XSSFWorkbook> fill) throws IOException {
		Path file = dir.resolve("t-" + System.nanoTime() + ".xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			fill.accept(wb);
			wb.write(out);
		}
		return file;
	}

	private static List<XlsxSheetReader.Row> readAll(Path file, Limits limits) throws XlsxSheetReader.UnreadableException {
		List<XlsxSheetReader.Row> rows = new ArrayList<>();
		XlsxSheetReader.read(file, limits, row -> rows.add(row));
		return rows;
	}

	@Test
	void cellsComeTypedWithPlainNumbersAndIsoDates() throws Exception {
		Path file = workbook(wb -> {
			CellStyle date = wb.createCellStyle();
			date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
			CellStyle dateTime = wb.createCellStyle();
			dateTime.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
			Sheet s = wb.createSheet("x");
			Row r = s.createRow(0);
			r.createCell(0).setCellValue("网格员");
			r.createCell(1).setCellValue(230102000000d);
			r.createCell(2).setCellValue(2.50);
			r.createCell(3).setCellValue(LocalDate.of(1980, 1, 31));
			r.getCell(3).setCellStyle(date);
			r.createCell(4).setCellValue(LocalDateTime.of(2026, 11, 27, 9, 30));
			r.getCell(4).setCellStyle(dateTime);
			r.createCell(5).setCellValue(true);
		});

		XlsxSheetReader.Row row = readAll(file, Limits.NONE).get(0);

		assertThat(row.number()).isEqualTo(1);
		assertThat(row.cell(0)).isEqualTo(new Cell(Kind.TEXT, "网格员"));
		assertThat(row.cell(1)).isEqualTo(new Cell(Kind.NUMBER, "230102000000"));
		assertThat(row.cell(2)).isEqualTo(new Cell(Kind.NUMBER, "2.5"));
		assertThat(row.cell(3)).isEqualTo(new Cell(Kind.DATE, "1980-01-31"));
		assertThat(row.cell(4)).isEqualTo(new Cell(Kind.DATE, "2026-11-27T09:30"));
		assertThat(row.cell(5)).isEqualTo(new Cell(Kind.BOOLEAN, "TRUE"));
	}

	@Test
	void missingCellsAreGapsInTheMapAndEmptyInTheTexts() throws Exception {
		Path file = workbook(wb -> {
			Sheet s = wb.createSheet("x");
			Row r = s.createRow(2);
			r.createCell(0).setCellValue("a");
			r.createCell(3).setCellValue(" d ");
		});

		XlsxSheetReader.Row row = readAll(file, Limits.NONE).get(0);

		assertThat(row.number()).isEqualTo(3);
		assertThat(row.cells()).containsOnlyKeys(0, 3);
		assertThat(row.texts()).containsExactly("a", "", "", " d ");
		assertThat(row.text(3)).isEqualTo("d");
		assertThat(row.text(1)).isEmpty();
	}

	@Test
	void theHandlerStopsTheReadingByAnsweringFalse() throws Exception {
		Path file = workbook(wb -> {
			Sheet s = wb.createSheet("x");
			for (int i = 0; i < 10; i++) {
				s.createRow(i).createCell(0).setCellValue(i);
			}
		});
		List<Integer> seen = new ArrayList<>();

		XlsxSheetReader.read(file, Limits.NONE, row -> {
			seen.add(row.number());
			return seen.size() < 3;
		});

		assertThat(seen).containsExactly(1, 2, 3);
	}

	@Test
	void progressRunsToOneAlongTheSheet() throws Exception {
		Path file = workbook(wb -> {
			Sheet s = wb.createSheet("x");
			for (int i = 0; i < 4; i++) {
				s.createRow(i).createCell(0).setCellValue("r" + i);
			}
		});

		assertThat(readAll(file, Limits.NONE)).extracting(XlsxSheetReader.Row::progress).containsExactly(0.25, 0.5, 0.75, 1.0);
	}

	@Test
	void aCellLongerThanTheLimitOrBeyondTheLastColumnMakesTheFileUnreadableAtItsRow() throws Exception {
		Path file = workbook(wb -> {
			Sheet s = wb.createSheet("x");
			s.createRow(0).createCell(0).setCellValue("short");
			s.createRow(1).createCell(0).setCellValue("x".repeat(50));
			s.createRow(2).createCell(9).setCellValue("far");
		});

		assertThatThrownBy(() -> readAll(file, new Limits(20, 100)))
			.isInstanceOfSatisfying(XlsxSheetReader.UnreadableException.class, e -> {
				assertThat(e.problem()).isEqualTo(Problem.CELL_TOO_LONG);
				assertThat(e.row()).isEqualTo(2);
			});
		assertThatThrownBy(() -> readAll(file, new Limits(100, 5)))
			.isInstanceOfSatisfying(XlsxSheetReader.UnreadableException.class, e -> {
				assertThat(e.problem()).isEqualTo(Problem.TOO_MANY_COLUMNS);
				assertThat(e.row()).isEqualTo(3);
			});
	}

	@Test
	void whatTheHandlerThrowsReachesTheCallerUnchanged() throws Exception {
		Path file = workbook(wb -> wb.createSheet("x").createRow(0).createCell(0).setCellValue("a"));
		IllegalStateException failure = new IllegalStateException("the handler's own");

		assertThatThrownBy(() -> XlsxSheetReader.read(file, Limits.NONE, row -> {
			throw failure;
		})).isSameAs(failure);
	}

	@Test
	void aFileThatIsNotAWorkbookIsUnreadable() throws Exception {
		Path file = dir.resolve("not.xlsx");
		Files.writeString(file, "token,role\n");

		assertThatThrownBy(() -> readAll(file, Limits.NONE))
			.isInstanceOfSatisfying(XlsxSheetReader.UnreadableException.class,
					e -> assertThat(e.problem()).isEqualTo(Problem.UNREADABLE));
	}
}
