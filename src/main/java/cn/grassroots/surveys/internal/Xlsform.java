package cn.grassroots.surveys.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * XLSForm interchange for the subset the platform supports: sheets {@code survey}, {@code choices}
 * and {@code settings}; columns {@code type}, {@code name}, {@code label::…}, {@code hint::…},
 * {@code required}, {@code relevant}, {@code choice_filter}, {@code appearance} (multiline on text
 * only), {@code parameters} (range only) and {@code x_…} extras; types select_one, select_multiple,
 * rank, integer, decimal, date, text, range, begin_group/end_group (not nested) and
 * select_one_region. Everything else is refused naming the sheet and the row, and nothing is
 * created. {@link #write(Form)} then {@link #read(InputStream)} gives the same {@link Form}.
 */
public final class Xlsform {

	/** Question and choice names: an XML-like name, as XLSForm tools require. */
	public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}");

	/** Columns of a response import that are not questions; question names may not take them. */
	public static final Set<String> RESERVED = Set.of("token", "role", "region", "submitted_at");

	static final String SURVEY = "survey";
	static final String CHOICES = "choices";
	static final String SETTINGS = "settings";

	private static final Pattern FILTER = Pattern.compile("\\s*parent\\s*=\\s*\\$\\{([A-Za-z_][A-Za-z0-9_.\\-]*)}\\s*");
	private static final Pattern LANG = Pattern.compile(".*\\(([A-Za-z\\-]+)\\)\\s*");
	private static final int MAX_ROWS = 2000;
	private static final String ZH_HEADER = "::Chinese (zh)";
	private static final String EN_HEADER = "::English (en)";

	private Xlsform() {
	}

	// ------------------------------------------------------------------ reading

	public static Form read(InputStream in) throws IOException {
		Workbook wb;
		try {
			wb = WorkbookFactory.create(in);
		}
		catch (IOException | RuntimeException e) {
			throw new XlsformException(List.of(new XlsformException.Problem("", 0, null, "surveys.xlsform.notXlsx", List.of())));
		}
		try (wb) {
			return new Reader(wb).read();
		}
	}

	private record Table(String sheet, List<String> columns, List<Map<String, String>> rows, List<Integer> rowNumbers) {
	}

	private static final class Reader {

		private final Workbook wb;
		private final List<XlsformException.Problem> problems = new ArrayList<>();
		private final DataFormatter formatter = new DataFormatter(Locale.ROOT);

		Reader(Workbook wb) {
			this.wb = wb;
		}

		void problem(String sheet, int row, String column, String key, Object... args) {
			problems.add(new XlsformException.Problem(sheet, row, column, key,
					Arrays.stream(args).map(String::valueOf).toList()));
		}

		Form read() {
			for (int i = 0; i < wb.getNumberOfSheets(); i++) {
				String name = wb.getSheetName(i);
				if (!Set.of(SURVEY, CHOICES, SETTINGS).contains(name) && !name.startsWith("x_")) {
					problem(name, 0, null, "surveys.xlsform.unknownSheet", name);
				}
			}
			Table survey = table(SURVEY, Set.of("type", "name", "label", "hint", "required", "relevant", "choice_filter",
					"appearance", "parameters"), true);
			Table choices = table(CHOICES, Set.of("list_name", "name", "label", "parent"), false);
			Table settings = table(SETTINGS, Set.of("form_title", "form_id", "version", "default_language"), false);
			if (survey == null) {
				throw new XlsformException(problems);
			}
			Map<String, List<Choice>> lists = choices == null ? new LinkedHashMap<>() : choiceLists(choices);
			List<Section> sections = sections(survey, lists);
			Map<String, String> s = settings == null || settings.rows().isEmpty() ? Map.of() : settings.rows().get(0);
			String formId = blankToNull(s.get("form_id"));
			if (formId == null) {
				formId = "survey";
			}
			else if (!NAME.matcher(formId).matches()) {
				problem(SETTINGS, settings.rowNumbers().get(0), "form_id", "surveys.xlsform.badName", formId);
			}
			Label title = new Label(blankToNull(first(s, "form_title", "form_title" + ZH_HEADER)),
					blankToNull(first(s, "x_title_en", "form_title" + EN_HEADER)));
			if (title.blank()) {
				title = new Label(formId, null);
			}
			String language = blankToNull(s.get("default_language"));
			if (language != null && lang(language) == null) {
				problem(SETTINGS, settings.rowNumbers().get(0), "default_language", "surveys.xlsform.language", language);
			}
			Map<String, String> extra = new TreeMap<>();
			s.forEach((k, v) -> {
				if (k.startsWith("x_") && !k.equals("x_title_en") && blankToNull(v) != null) {
					extra.put(k, v.strip());
				}
			});
			if (questionCount(sections) == 0 && problems.isEmpty()) {
				problem(SURVEY, 1, null, "surveys.xlsform.noQuestions");
			}
			if (!problems.isEmpty()) {
				throw new XlsformException(problems);
			}
			return new Form(formId, title, blankToNull(s.get("version")), sections, lists, extra);
		}

		private static String first(Map<String, String> row, String a, String b) {
			String v = row.get(a);
			return v != null && !v.isBlank() ? v : row.get(b);
		}

		private static int questionCount(List<Section> sections) {
			return sections.stream().mapToInt(x -> x.questions().size()).sum();
		}

		/**
		 * A sheet as rows of column → text. Columns are the header row's; a label or hint column
		 * becomes {@code label::zh} / {@code label::en}; unknown columns are problems.
		 */
		Table table(String sheetName, Set<String> allowed, boolean mandatory) {
			Sheet sheet = wb.getSheet(sheetName);
			if (sheet == null) {
				if (mandatory) {
					problem(sheetName, 0, null, "surveys.xlsform.missingSheet", sheetName);
				}
				return null;
			}
			Row header = sheet.getRow(sheet.getFirstRowNum());
			List<String> columns = new ArrayList<>();
			int headerNumber = sheet.getFirstRowNum() + 1;
			if (header != null) {
				for (int c = 0; c < header.getLastCellNum(); c++) {
					String raw = text(header.getCell(c));
					String col = column(raw);
					if (raw.isEmpty()) {
						columns.add(null);
						continue;
					}
					String base = col == null ? raw : col.contains("::") ? col.substring(0, col.indexOf("::")) : col;
					boolean ok = col != null && (allowed.contains(base) || col.startsWith("x_")
							|| (sheetName.equals(SETTINGS) && col.startsWith("form_title::")));
					if (!ok) {
						problem(sheetName, headerNumber, raw, "surveys.xlsform.unknownColumn", raw);
						columns.add(null);
					}
					else if (columns.contains(col)) {
						problem(sheetName, headerNumber, raw, "surveys.xlsform.duplicateColumn", raw);
						columns.add(null);
					}
					else {
						columns.add(col);
					}
				}
			}
			List<Map<String, String>> rows = new ArrayList<>();
			List<Integer> numbers = new ArrayList<>();
			for (int r = sheet.getFirstRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
				Row row = sheet.getRow(r);
				if (row == null) {
					continue;
				}
				Map<String, String> values = new LinkedHashMap<>();
				boolean any = false;
				for (int c = 0; c < columns.size(); c++) {
					String v = text(row.getCell(c));
					if (columns.get(c) != null) {
						values.put(columns.get(c), v);
					}
					any |= !v.isEmpty();
				}
				for (int c = columns.size(); c < Math.max(columns.size(), row.getLastCellNum()); c++) {
					if (!text(row.getCell(c)).isEmpty()) {
						problem(sheetName, r + 1, null, "surveys.xlsform.cellOutsideHeader");
						any = false;
						break;
					}
				}
				if (any) {
					if (rows.size() >= MAX_ROWS) {
						problem(sheetName, r + 1, null, "surveys.xlsform.tooManyRows", MAX_ROWS);
						break;
					}
					rows.add(values);
					numbers.add(r + 1);
				}
			}
			return new Table(sheetName, columns, rows, numbers);
		}

		/** Normalises a header: label::Chinese (zh) → label::zh; null for a language that is neither. */
		private String column(String raw) {
			String h = raw.strip();
			int sep = h.indexOf("::");
			if (sep < 0) {
				String lower = h.toLowerCase(Locale.ROOT);
				if (lower.equals("label") || lower.equals("hint")) {
					return lower + "::zh";
				}
				return h.startsWith("x_") ? h : lower;
			}
			String base = h.substring(0, sep).strip().toLowerCase(Locale.ROOT);
			String language = lang(h.substring(sep + 2).strip());
			if (language == null || !(base.equals("label") || base.equals("hint") || base.equals("form_title"))) {
				return null;
			}
			return base + "::" + language;
		}

		private String text(Cell cell) {
			if (cell == null) {
				return "";
			}
			if (cell.getCellType() == CellType.FORMULA) {
				return cell.getCellFormula().strip();
			}
			return formatter.formatCellValue(cell).strip();
		}

		Map<String, List<Choice>> choiceLists(Table t) {
			Map<String, List<Choice>> lists = new LinkedHashMap<>();
			Map<String, Set<String>> names = new HashMap<>();
			for (int i = 0; i < t.rows().size(); i++) {
				Map<String, String> row = t.rows().get(i);
				int number = t.rowNumbers().get(i);
				String list = blankToNull(row.get("list_name"));
				String name = blankToNull(row.get("name"));
				if (list == null || !NAME.matcher(list).matches()) {
					problem(CHOICES, number, "list_name", list == null ? "surveys.xlsform.required" : "surveys.xlsform.badName",
							list == null ? "list_name" : list);
					continue;
				}
				if (name == null || !NAME.matcher(name).matches()) {
					problem(CHOICES, number, "name", name == null ? "surveys.xlsform.required" : "surveys.xlsform.badName",
							name == null ? "name" : name);
					continue;
				}
				if (!names.computeIfAbsent(list, k -> new HashSet<>()).add(name)) {
					problem(CHOICES, number, "name", "surveys.xlsform.duplicateChoice", name, list);
					continue;
				}
				Label label = label(row, "label");
				if (label.blank()) {
					problem(CHOICES, number, "label", "surveys.xlsform.required", "label");
					continue;
				}
				lists.computeIfAbsent(list, k -> new ArrayList<>()).add(new Choice(name, label, blankToNull(row.get("parent"))));
			}
			return lists;
		}

		List<Section> sections(Table t, Map<String, List<Choice>> lists) {
			List<Section> sections = new ArrayList<>();
			List<Question> current = new ArrayList<>();
			String groupName = null;
			Label groupLabel = null;
			String groupRelevant = null;
			int groupRow = 0;
			Map<String, Question> seen = new LinkedHashMap<>();
			Set<String> groupNames = new HashSet<>();
			Set<String> taken = new HashSet<>();
			for (int i = 0; i < t.rows().size(); i++) {
				Map<String, String> row = t.rows().get(i);
				int number = t.rowNumbers().get(i);
				String type = blankToNull(row.get("type"));
				String name = blankToNull(row.get("name"));
				if (type == null) {
					problem(SURVEY, number, "type", "surveys.xlsform.required", "type");
					continue;
				}
				String normalized = type.strip().replaceAll("\\s+", " ");
				if (normalized.equals("begin_group") || normalized.equals("begin group")) {
					if (groupName != null) {
						problem(SURVEY, number, "type", "surveys.xlsform.nestedGroup");
						continue;
					}
					if (name == null || !NAME.matcher(name).matches() || !groupNames.add(name) || taken.contains(name)) {
						problem(SURVEY, number, "name", "surveys.xlsform.badName", name == null ? "" : name);
					}
					if (!current.isEmpty()) {
						sections.add(new Section(null, Label.NONE, null, current));
					}
					current = new ArrayList<>();
					groupName = name == null ? "group" + number : name;
					groupLabel = label(row, "label");
					groupRelevant = relevant(row, number, seen);
					groupRow = number;
					onlyColumns(row, number, Set.of("type", "name", "label::zh", "label::en", "relevant"));
					continue;
				}
				if (normalized.equals("end_group") || normalized.equals("end group")) {
					if (groupName == null) {
						problem(SURVEY, number, "type", "surveys.xlsform.endWithoutBegin");
						continue;
					}
					sections.add(new Section(groupName, groupLabel, groupRelevant, current));
					current = new ArrayList<>();
					groupName = null;
					continue;
				}
				if (name != null && (taken.contains(name) || groupNames.contains(name))) {
					problem(SURVEY, number, "name", "surveys.xlsform.duplicateName", name);
					continue;
				}
				if (name != null) {
					taken.add(name);
				}
				Question q = question(row, number, normalized, name, lists, seen);
				if (q != null) {
					seen.put(q.name(), q);
					current.add(q);
				}
			}
			if (groupName != null) {
				problem(SURVEY, groupRow, "type", "surveys.xlsform.groupNotClosed", groupName);
				sections.add(new Section(groupName, groupLabel, groupRelevant, current));
			}
			else if (!current.isEmpty()) {
				sections.add(new Section(null, Label.NONE, null, current));
			}
			return sections;
		}

		private void onlyColumns(Map<String, String> row, int number, Set<String> allowed) {
			row.forEach((k, v) -> {
				if (!v.isEmpty() && !allowed.contains(k) && !k.startsWith("x_")) {
					problem(SURVEY, number, k, "surveys.xlsform.columnNotApplicable", k);
				}
			});
		}

		private Question question(Map<String, String> row, int number, String type, String name,
				Map<String, List<Choice>> lists, Map<String, Question> seen) {
			QuestionType qt;
			String list = null;
			String[] parts = type.split(" ");
			String base = parts[0];
			switch (base) {
				case "select_one" -> qt = QuestionType.SINGLE;
				case "select_multiple" -> qt = QuestionType.MULTIPLE;
				case "rank" -> qt = QuestionType.RANKING;
				case "integer" -> qt = QuestionType.INTEGER;
				case "decimal" -> qt = QuestionType.DECIMAL;
				case "date" -> qt = QuestionType.DATE;
				case "text" -> qt = "multiline".equals(blankToNull(row.get("appearance"))) ? QuestionType.LONG_TEXT : QuestionType.TEXT;
				case "range" -> qt = QuestionType.SCALE;
				case "select_one_region" -> qt = QuestionType.REGION;
				default -> {
					problem(SURVEY, number, "type", "surveys.xlsform.type", type);
					return null;
				}
			}
			if (qt.hasChoices()) {
				if (parts.length != 2) {
					problem(SURVEY, number, "type", "surveys.xlsform.listMissing", type);
					return null;
				}
				list = parts[1];
				if (!lists.containsKey(list)) {
					problem(SURVEY, number, "type", "surveys.xlsform.unknownList", list);
					return null;
				}
			}
			else if (parts.length != 1) {
				problem(SURVEY, number, "type", "surveys.xlsform.type", type);
				return null;
			}
			int before = problems.size();
			if (name == null) {
				problem(SURVEY, number, "name", "surveys.xlsform.required", "name");
			}
			else if (!NAME.matcher(name).matches() || RESERVED.contains(name) || name.startsWith("x_")) {
				problem(SURVEY, number, "name", "surveys.xlsform.badName", name);
			}
			Label label = label(row, "label");
			if (label.blank()) {
				problem(SURVEY, number, "label", "surveys.xlsform.required", "label");
			}
			Label hint = label(row, "hint");
			String requiredText = blankToNull(row.get("required"));
			boolean required = false;
			if (requiredText != null) {
				String r = requiredText.toLowerCase(Locale.ROOT);
				if (Set.of("yes", "true", "true()", "1").contains(r)) {
					required = true;
				}
				else if (!Set.of("no", "false", "false()", "0").contains(r)) {
					problem(SURVEY, number, "required", "surveys.xlsform.requiredValue", requiredText);
				}
			}
			String appearance = blankToNull(row.get("appearance"));
			if (appearance != null && !(base.equals("text") && appearance.equals("multiline"))) {
				problem(SURVEY, number, "appearance", "surveys.xlsform.appearance", appearance);
			}
			String relevant = relevant(row, number, seen);
			String filter = null;
			String filterText = blankToNull(row.get("choice_filter"));
			if (filterText != null) {
				Matcher m = FILTER.matcher(filterText);
				Question parent = m.matches() ? seen.get(m.group(1)) : null;
				if (!qt.hasChoices() || parent == null || parent.type() != QuestionType.SINGLE) {
					problem(SURVEY, number, "choice_filter", "surveys.xlsform.choiceFilter", filterText);
				}
				else {
					filter = parent.name();
				}
			}
			Integer min = null;
			Integer max = null;
			Integer step = null;
			String parameters = blankToNull(row.get("parameters"));
			Map<String, String> extra = new TreeMap<>();
			row.forEach((k, v) -> {
				if (k.startsWith("x_") && !v.isEmpty()) {
					extra.put(k, v);
				}
			});
			if (qt == QuestionType.SCALE) {
				Map<String, Integer> p = parameters(parameters, number);
				if (p != null) {
					min = p.get("start");
					max = p.get("end");
					step = p.getOrDefault("step", 1);
					if (min == null || max == null || min >= max || step < 1 || max - min > 100 || (max - min) % step != 0) {
						problem(SURVEY, number, "parameters", "surveys.xlsform.range", parameters);
					}
				}
			}
			else if (parameters != null) {
				problem(SURVEY, number, "parameters", "surveys.xlsform.columnNotApplicable", "parameters");
			}
			if (qt == QuestionType.RANKING) {
				String top = extra.remove("x_top");
				max = 3;
				if (top != null) {
					max = integer(top, number, "x_top");
					if (max != null && (max < 1 || max > lists.get(list).size())) {
						problem(SURVEY, number, "x_top", "surveys.xlsform.top", top);
					}
				}
			}
			if (qt == QuestionType.INTEGER || qt == QuestionType.DECIMAL) {
				String lo = extra.remove("x_min");
				String hi = extra.remove("x_max");
				min = lo == null ? null : integer(lo, number, "x_min");
				max = hi == null ? null : integer(hi, number, "x_max");
				if (min != null && max != null && min > max) {
					problem(SURVEY, number, "x_max", "surveys.xlsform.minMax");
				}
			}
			if (problems.size() > before) {
				return null;
			}
			return new Question(name, qt, label, hint, required, relevant, list, filter, min, max, step, extra);
		}

		private Integer integer(String text, int number, String column) {
			try {
				return Integer.valueOf(text.strip());
			}
			catch (NumberFormatException e) {
				problem(SURVEY, number, column, "surveys.xlsform.integer", text);
				return null;
			}
		}

		private Map<String, Integer> parameters(String text, int number) {
			if (text == null) {
				problem(SURVEY, number, "parameters", "surveys.xlsform.range", "");
				return null;
			}
			Map<String, Integer> p = new HashMap<>();
			for (String part : text.strip().split("[\\s;,]+")) {
				String[] kv = part.split("=", 2);
				if (kv.length != 2 || !Set.of("start", "end", "step").contains(kv[0].strip())) {
					problem(SURVEY, number, "parameters", "surveys.xlsform.range", text);
					return null;
				}
				try {
					p.put(kv[0].strip(), Integer.valueOf(kv[1].strip()));
				}
				catch (NumberFormatException e) {
					problem(SURVEY, number, "parameters", "surveys.xlsform.range", text);
					return null;
				}
			}
			return p;
		}

		/** Checks a relevant expression: in the subset, reading only questions asked before, selected() only on choices. */
		private String relevant(Map<String, String> row, int number, Map<String, Question> seen) {
			String text = blankToNull(row.get("relevant"));
			if (text == null) {
				return null;
			}
			try {
				Relevance.Expr e = Relevance.parse(text);
				for (String ref : Relevance.references(e)) {
					if (!seen.containsKey(ref)) {
						problem(SURVEY, number, "relevant", "surveys.xlsform.relevantReference", ref);
						return null;
					}
				}
				return text.strip();
			}
			catch (Relevance.SyntaxException ex) {
				problem(SURVEY, number, "relevant", "surveys.xlsform.relevant", text, ex.position() + 1);
				return null;
			}
		}

		private static Label label(Map<String, String> row, String base) {
			return new Label(blankToNull(row.get(base + "::zh")), blankToNull(row.get(base + "::en")));
		}
	}

	/** zh or en from "zh", "Chinese (zh)", "English", "中文" …; null for any other language. */
	static String lang(String text) {
		String t = text.strip();
		Matcher m = LANG.matcher(t);
		if (m.matches()) {
			t = m.group(1);
		}
		String l = t.toLowerCase(Locale.ROOT);
		if (Set.of("zh", "zh-cn", "zh-hans", "chinese", "中文").contains(l)) {
			return "zh";
		}
		if (Set.of("en", "english", "英文").contains(l)) {
			return "en";
		}
		return null;
	}

	static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	// ------------------------------------------------------------------ writing

	public static byte[] write(Form form) {
		try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Set<String> extraColumns = new LinkedHashSet<>();
			form.questions().forEach(q -> extraColumns.addAll(new TreeMap<>(q.extra()).keySet()));
			boolean anyRank = form.questions().stream().anyMatch(q -> q.type() == QuestionType.RANKING);
			boolean anyNumber = form.questions().stream()
				.anyMatch(q -> (q.type() == QuestionType.INTEGER || q.type() == QuestionType.DECIMAL) && (q.min() != null || q.max() != null));
			List<String> columns = new ArrayList<>(List.of("type", "name", "label" + ZH_HEADER, "label" + EN_HEADER,
					"hint" + ZH_HEADER, "hint" + EN_HEADER, "required", "relevant", "choice_filter", "appearance", "parameters"));
			if (anyRank) {
				columns.add("x_top");
			}
			if (anyNumber) {
				columns.add("x_min");
				columns.add("x_max");
			}
			columns.addAll(extraColumns);
			Sheet survey = wb.createSheet(SURVEY);
			row(survey, 0, columns);
			int r = 1;
			for (Section s : form.sections()) {
				if (!s.implicit()) {
					Map<String, String> v = new HashMap<>();
					v.put("type", "begin_group");
					v.put("name", s.name());
					v.put("label" + ZH_HEADER, s.label().zh());
					v.put("label" + EN_HEADER, s.label().en());
					v.put("relevant", s.relevant());
					row(survey, r++, columns.stream().map(v::get).toList());
				}
				for (Question q : s.questions()) {
					Map<String, String> v = new HashMap<>(q.extra());
					v.put("type", q.type().hasChoices() ? q.type().xlsform() + " " + q.listName() : q.type().xlsform());
					v.put("name", q.name());
					v.put("label" + ZH_HEADER, q.label().zh());
					v.put("label" + EN_HEADER, q.label().en());
					v.put("hint" + ZH_HEADER, q.hint().zh());
					v.put("hint" + EN_HEADER, q.hint().en());
					v.put("required", q.required() ? "yes" : null);
					v.put("relevant", q.relevant());
					v.put("choice_filter", q.choiceFilter() == null ? null : "parent=${" + q.choiceFilter() + "}");
					v.put("appearance", q.type() == QuestionType.LONG_TEXT ? "multiline" : null);
					if (q.type() == QuestionType.SCALE) {
						v.put("parameters", "start=" + q.min() + " end=" + q.max() + " step=" + q.step());
					}
					if (q.type() == QuestionType.RANKING) {
						v.put("x_top", Integer.toString(q.rankCount()));
					}
					if (q.type() == QuestionType.INTEGER || q.type() == QuestionType.DECIMAL) {
						v.put("x_min", q.min() == null ? null : q.min().toString());
						v.put("x_max", q.max() == null ? null : q.max().toString());
					}
					row(survey, r++, columns.stream().map(v::get).toList());
				}
				if (!s.implicit()) {
					Map<String, String> v = Map.of("type", "end_group", "name", s.name());
					row(survey, r++, columns.stream().map(v::get).toList());
				}
			}
			Sheet choices = wb.createSheet(CHOICES);
			List<String> choiceColumns = List.of("list_name", "name", "label" + ZH_HEADER, "label" + EN_HEADER, "parent");
			row(choices, 0, choiceColumns);
			r = 1;
			for (var e : form.choiceLists().entrySet()) {
				for (Choice c : e.getValue()) {
					row(choices, r++, Arrays.asList(e.getKey(), c.name(), c.label().zh(), c.label().en(), c.parent()));
				}
			}
			Sheet settings = wb.createSheet(SETTINGS);
			List<String> settingColumns = new ArrayList<>(List.of("form_title", "x_title_en", "form_id", "version", "default_language"));
			settingColumns.addAll(form.settings().keySet());
			row(settings, 0, settingColumns);
			List<String> values = new ArrayList<>(Arrays.asList(form.title().zh(), form.title().en(), form.formId(),
					form.formVersion(), "zh"));
			values.addAll(form.settings().values());
			row(settings, 1, values);
			wb.write(out);
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new IllegalStateException("could not write the XLSForm", e);
		}
	}

	private static void row(Sheet sheet, int index, List<String> values) {
		Row row = sheet.createRow(index);
		for (int c = 0; c < values.size(); c++) {
			String v = values.get(c);
			if (v != null) {
				row.createCell(c, CellType.STRING).setCellValue(v);
			}
		}
	}
}
