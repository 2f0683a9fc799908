package cn.grassroots.training.internal;

import static cn.grassroots.training.internal.Checks.mapOf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.training.internal.ExamService.Question;
import cn.grassroots.training.internal.ExamService.QuestionDraft;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;

/**
 * The question bank as XLSX: columns 题型, 题干, 选项 (one per line in the cell), 答案, 主题, 分值. An import
 * checks every row first and writes all of them or none; errors name the row and column.
 */
@Service
public class QuestionBankXlsx {

	static final List<String> HEADER = List.of("题型", "题干", "选项", "答案", "主题", "分值");
	static final int MAX_ROWS = 2000;

	private final ExamService exams;
	private final ProgrammeService programmes;
	private final AuditLog audit;

	QuestionBankXlsx(ExamService exams, ProgrammeService programmes, AuditLog audit) {
		this.exams = exams;
		this.programmes = programmes;
		this.audit = audit;
	}

	public byte[] export(long programmeId) {
		List<Question> questions = exams.questions(programmeId);
		try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("题库");
			Row head = sheet.createRow(0);
			for (int i = 0; i < HEADER.size(); i++) {
				head.createCell(i).setCellValue(HEADER.get(i));
			}
			int r = 1;
			for (Question q : questions) {
				Row row = sheet.createRow(r++);
				row.createCell(0).setCellValue(q.kind().name());
				row.createCell(1).setCellValue(q.stem());
				row.createCell(2).setCellValue(String.join("\n", q.options()));
				row.createCell(3).setCellValue(q.answer());
				row.createCell(4).setCellValue(q.topic() == null ? "" : q.topic().name());
				row.createCell(5).setCellValue(q.maxMark().doubleValue());
			}
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new IllegalStateException("could not write the question bank", e);
		}
	}

	/** Checks every row, then adds all questions in one transaction, or none. Returns how many. */
	@Transactional
	public int importFrom(long programmeId, InputStream in) {
		Programme p = programmes.requireManageable(programmeId);
		List<QuestionDraft> drafts = new ArrayList<>();
		List<String> answers = new ArrayList<>();
		List<FieldError> errors = new ArrayList<>();
		try (Workbook wb = new XSSFWorkbook(in)) {
			Sheet sheet = wb.getNumberOfSheets() == 0 ? null : wb.getSheetAt(0);
			if (sheet == null || !header(sheet.getRow(0))) {
				throw InvalidInputException.of("file", "training.import.header");
			}
			if (sheet.getLastRowNum() > MAX_ROWS) {
				throw InvalidInputException.of("file", "training.import.tooMany");
			}
			DataFormatter f = new DataFormatter(Locale.ROOT);
			for (int r = 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (row == null || blank(row, f)) {
					continue;
				}
				List<FieldError> rowErrors = new ArrayList<>();
				QuestionKind kind = kind(text(row, 0, f));
				if (kind == null) {
					rowErrors.add(new FieldError("kind", "training.import.kind"));
				}
				String options = text(row, 2, f);
				String topicText = text(row, 4, f);
				TopicCategory topic = null;
				if (!topicText.isEmpty()) {
					try {
						topic = TopicCategory.valueOf(topicText.toUpperCase(Locale.ROOT));
					}
					catch (IllegalArgumentException e) {
						rowErrors.add(new FieldError("topic", "training.import.topic"));
					}
				}
				BigDecimal max = null;
				try {
					max = new BigDecimal(text(row, 5, f));
				}
				catch (NumberFormatException e) {
					rowErrors.add(new FieldError("maxMark", "training.validation.range"));
				}
				QuestionDraft d = new QuestionDraft(kind, text(row, 1, f),
						options.isEmpty() ? List.of() : Arrays.stream(options.split("\\r?\\n")).map(String::trim).toList(),
						text(row, 3, f), topic, max);
				String answer = null;
				if (kind != null && max != null) {
					answer = ExamService.checkQuestion(d, rowErrors);
				}
				for (FieldError e : rowErrors) {
					errors.add(new FieldError("rows[" + (r + 1) + "]." + e.field(), e.message()));
				}
				drafts.add(d);
				answers.add(answer);
			}
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof InvalidInputException invalid) {
				throw invalid;
			}
			throw InvalidInputException.of("file", "training.import.unreadable");
		}
		if (drafts.isEmpty()) {
			errors.add(new FieldError("file", "training.import.empty"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		for (int i = 0; i < drafts.size(); i++) {
			exams.insertQuestion(programmeId, drafts.get(i), answers.get(i));
		}
		audit.action("TRAINING_QUESTION_IMPORT").target("training_programme", programmeId).region(p.sponsorRegionCode())
			.after(mapOf("questions", drafts.size())).record();
		return drafts.size();
	}

	private static boolean header(Row row) {
		if (row == null) {
			return false;
		}
		DataFormatter f = new DataFormatter(Locale.ROOT);
		for (int i = 0; i < HEADER.size(); i++) {
			if (!HEADER.get(i).equals(text(row, i, f))) {
				return false;
			}
		}
		return true;
	}

	private static boolean blank(Row row, DataFormatter f) {
		for (int i = 0; i < HEADER.size(); i++) {
			if (!text(row, i, f).isEmpty()) {
				return false;
			}
		}
		return true;
	}

	private static String text(Row row, int column, DataFormatter f) {
		Cell c = row.getCell(column);
		if (c == null) {
			return "";
		}
		if (c.getCellType() == CellType.NUMERIC) {
			return BigDecimal.valueOf(c.getNumericCellValue()).stripTrailingZeros().toPlainString();
		}
		return f.formatCellValue(c).trim();
	}

	static QuestionKind kind(String text) {
		return switch (text.toUpperCase(Locale.ROOT)) {
			case "SINGLE", "单选", "单选题" -> QuestionKind.SINGLE;
			case "MULTIPLE", "多选", "多选题" -> QuestionKind.MULTIPLE;
			case "TRUE_FALSE", "判断", "判断题" -> QuestionKind.TRUE_FALSE;
			case "SHORT", "简答", "简答题" -> QuestionKind.SHORT;
			default -> null;
		};
	}
}
