package cn.grassroots.measures.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.measures.internal.MeasureRepository.Measure;
import cn.grassroots.measures.internal.MeasureRepository.Mechanism;
import cn.grassroots.measures.internal.MeasureRepository.Partner;
import cn.grassroots.measures.internal.MeasureRepository.Target;
import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.UnitRef;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;

/**
 * The whole measure list of a mechanism as XLSX: export, and import matched by code, all or
 * nothing (every row is checked before anything is written), safe to re-run (a row equal to the
 * stored measure changes nothing). Rows missing from the file are kept and listed. Staged targets
 * are taken from the file for new measures only; afterwards they are kept in the application.
 */
@Service
public class MeasureListXlsx {

	static final String[] HEADER = { "编号", "措施", "类型", "牵头单位编码", "配合单位（编码:分工；…）", "开始日期", "完成时限", "报告周期",
			"类别", "落实条款", "权重", "上级措施编号", "内容", "阶段性目标（阶段|截止|指标|基数|目标值|单位；…）", "状态", "进度" };

	/** What an import did. */
	public record Result(int created, int updated, int unchanged, List<String> missing) {
	}

	private record Row(int line, String code, String title, MeasureKind kind, UnitRef lead, Map<Long, String> partners,
			LocalDate start, LocalDate due, ReportCycle cycle, String category, String clause, BigDecimal weight,
			String parentCode, String description, List<MeasureService.TargetDraft> targets) {
	}

	private final MeasureRepository repository;
	private final MechanismService mechanisms;
	private final MeasureService measures;
	private final MeasureAccess access;
	private final OrgDirectory org;
	private final CurrentUser user;
	private final AuditLog audit;

	MeasureListXlsx(MeasureRepository repository, MechanismService mechanisms, MeasureService measures,
			MeasureAccess access, OrgDirectory org, CurrentUser user, AuditLog audit) {
		this.repository = repository;
		this.mechanisms = mechanisms;
		this.measures = measures;
		this.access = access;
		this.org = org;
		this.user = user;
		this.audit = audit;
	}

	/** The measures the caller reaches, one row each, in code order. */
	public byte[] export(long mechanismId) {
		Mechanism mechanism = mechanisms.require(mechanismId);
		var views = measures.views(repository.allMeasures(mechanismId, MeasureAccess.measures(access.read())));
		List<Long> ids = views.stream().map(v -> v.measure().id()).toList();
		Map<Long, List<Partner>> partners = repository.partners(ids);
		Map<Long, List<Target>> targets = repository.targets(ids);
		Map<Long, String> codes = new HashMap<>();
		views.forEach(v -> codes.put(v.measure().id(), v.measure().code()));
		Set<Long> unitIds = new HashSet<>();
		views.forEach(v -> {
			if (v.measure().leadUnitId() != null) {
				unitIds.add(v.measure().leadUnitId());
			}
		});
		partners.values().forEach(ps -> ps.forEach(p -> unitIds.add(p.unitId())));
		Map<Long, UnitRef> units = org.units(unitIds);
		try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			Sheet sheet = wb.createSheet("措施清单");
			Row0.write(sheet.createRow(0), (Object[]) HEADER);
			int r = 1;
			for (var v : views) {
				Measure m = v.measure();
				String partnerCell = partners.getOrDefault(m.id(), List.of()).stream()
					.map(p -> (units.containsKey(p.unitId()) ? units.get(p.unitId()).code() : "?") + ":" + Objects.toString(p.part(), ""))
					.collect(Collectors.joining("；"));
				String targetCell = targets.getOrDefault(m.id(), List.of()).stream()
					.map(t -> String.join("|", t.periodLabel(), t.periodEnd().toString(), t.indicator(), t.baseline().toPlainString(),
							t.targetValue().toPlainString(), Objects.toString(t.unit(), "")))
					.collect(Collectors.joining("；"));
				Row0.write(sheet.createRow(r++), m.code(), m.title(), m.kind().name(),
						m.leadUnitId() != null && units.containsKey(m.leadUnitId()) ? units.get(m.leadUnitId()).code() : "",
						partnerCell, m.startDate().toString(), m.dueDate().toString(), m.cycle().name(),
						Objects.toString(m.category(), ""), Objects.toString(m.clause(), ""),
						BigDecimal.valueOf(m.weight()).stripTrailingZeros().toPlainString(),
						m.parentId() == null ? "" : Objects.toString(codes.get(m.parentId()), ""),
						Objects.toString(m.description(), ""), targetCell, v.evaluation().status().name(),
						BigDecimal.valueOf(v.evaluation().progress()).setScale(4, java.math.RoundingMode.HALF_UP).toPlainString());
			}
			wb.write(out);
			audit.action("MEASURE_LIST_EXPORT").target("mechanism", mechanismId).region(mechanism.regionCode())
				.detail("rows " + views.size()).record();
			return out.toByteArray();
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	/** Writes cells as text. */
	private static final class Row0 {
		static void write(org.apache.poi.ss.usermodel.Row row, Object... values) {
			for (int i = 0; i < values.length; i++) {
				row.createCell(i).setCellValue(values[i] == null ? "" : values[i].toString());
			}
		}
	}

	@Transactional
	public Result importList(long mechanismId, InputStream file) {
		Mechanism mechanism = mechanisms.require(mechanismId);
		if (!access.canManage(mechanism)) {
			throw MeasureAccess.forbidden();
		}
		repository.lockMechanism(mechanismId);
		Set<Long> members = new HashSet<>();
		repository.members(mechanismId).forEach(m -> members.add(m.unitId()));
		List<FieldError> errors = new ArrayList<>();
		List<Row> rows = read(file, members, errors);
		Map<String, Measure> existing = new LinkedHashMap<>();
		repository.allMeasures(mechanismId, new MeasureAccess.Condition("1=1", Map.of()))
			.forEach(m -> existing.put(m.code(), m));
		Set<String> codes = new HashSet<>();
		for (Row r : rows) {
			if (!codes.add(r.code())) {
				errors.add(new FieldError("rows[" + r.line() + "].code", "appears twice in the file"));
			}
			if (!existing.containsKey(r.code()) && r.kind() == MeasureKind.LONG_TERM && r.targets().isEmpty()) {
				errors.add(new FieldError("rows[" + r.line() + "].targets", "a new long-term measure needs at least one staged target"));
			}
		}
		for (Row r : rows) {
			if (r.parentCode() != null && !codes.contains(r.parentCode()) && !existing.containsKey(r.parentCode())) {
				errors.add(new FieldError("rows[" + r.line() + "].parentCode", "no such measure in the file or the mechanism"));
			}
			if (r.parentCode() != null && r.parentCode().equals(r.code())) {
				errors.add(new FieldError("rows[" + r.line() + "].parentCode", "a measure cannot be its own parent"));
			}
		}
		// no loops of parents, through the file and the stored measures
		Map<Long, String> codeOfId = new HashMap<>();
		existing.values().forEach(m -> codeOfId.put(m.id(), m.code()));
		Map<String, String> parentOf = new HashMap<>();
		existing.values().forEach(m -> parentOf.put(m.code(), m.parentId() == null ? null : codeOfId.get(m.parentId())));
		rows.forEach(r -> parentOf.put(r.code(), r.parentCode()));
		for (Row r : rows) {
			String at = r.parentCode();
			for (int steps = 0; at != null && steps <= parentOf.size(); steps++) {
				if (at.equals(r.code())) {
					errors.add(new FieldError("rows[" + r.line() + "].parentCode", "makes a loop of parent measures"));
					break;
				}
				at = parentOf.get(at);
			}
		}
		if (rows.isEmpty() && errors.isEmpty()) {
			errors.add(new FieldError("file", "has no measure rows"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors.size() > 200 ? errors.subList(0, 200) : errors);
		}
		int created = 0;
		int updated = 0;
		int unchanged = 0;
		Map<String, Long> idsByCode = new HashMap<>();
		existing.forEach((c, m) -> idsByCode.put(c, m.id()));
		// first the rows themselves, then parents (which may point at rows created here)
		for (Row r : rows) {
			Measure m = existing.get(r.code());
			if (m == null) {
				long id = repository.insertMeasure(mechanismId, r.code(), r.title(), r.description(), r.category(),
						r.lead().id(), null, r.clause(), r.kind(), r.start(), r.due(), r.cycle(), r.weight(), null, null,
						user.username());
				r.partners().forEach((unit, part) -> repository.insertPartner(id, unit, part));
				for (var t : r.targets()) {
					repository.insertTarget(id, t.periodLabel(), t.periodEnd(), t.description(), t.indicator(), t.baseline(),
							t.targetValue(), t.unit());
				}
				idsByCode.put(r.code(), id);
				created++;
			}
			else if (same(m, r, existing)) {
				unchanged++;
			}
			else {
				repository.updateMeasure(m.id(), r.title(), r.description(), r.category(), r.lead().id(), r.clause(), r.kind(),
						r.start(), r.due(), r.cycle(), r.weight());
				repository.replacePartners(m.id(), r.partners());
				updated++;
			}
		}
		for (Row r : rows) {
			Long parent = r.parentCode() == null ? null : idsByCode.get(r.parentCode());
			Measure m = existing.get(r.code());
			if (m == null || !Objects.equals(m.parentId(), parent)) {
				repository.setParent(idsByCode.get(r.code()), parent);
			}
		}
		List<String> missing = existing.keySet().stream().filter(c -> !codes.contains(c)).sorted().toList();
		Result result = new Result(created, updated, unchanged, missing);
		if (created + updated > 0) {
			audit.action("MEASURE_LIST_IMPORT").target("mechanism", mechanismId).region(mechanism.regionCode())
				.after(Map.of("created", created, "updated", updated, "unchanged", unchanged, "missing", missing.size()))
				.record();
		}
		return result;
	}

	private boolean same(Measure m, Row r, Map<String, Measure> existing) {
		Map<Long, String> partners = new TreeMap<>();
		repository.partners(List.of(m.id())).getOrDefault(m.id(), List.of()).forEach(p -> partners.put(p.unitId(), Objects.toString(p.part(), "")));
		Map<Long, String> given = new TreeMap<>();
		r.partners().forEach((k, v) -> given.put(k, Objects.toString(v, "")));
		Measure parent = r.parentCode() == null ? null : existing.get(r.parentCode());
		return m.title().equals(r.title()) && Objects.equals(m.description(), r.description())
				&& Objects.equals(m.category(), r.category()) && Objects.equals(m.leadUnitId(), r.lead().id())
				&& Objects.equals(m.clause(), r.clause()) && m.kind() == r.kind() && m.startDate().equals(r.start())
				&& m.dueDate().equals(r.due()) && m.cycle() == r.cycle()
				&& BigDecimal.valueOf(m.weight()).compareTo(r.weight()) == 0 && partners.equals(given)
				&& (r.parentCode() == null ? m.parentId() == null : parent != null && Objects.equals(m.parentId(), parent.id()));
	}

	private List<Row> read(InputStream file, Set<Long> members, List<FieldError> errors) {
		List<Row> rows = new ArrayList<>();
		DataFormatter format = new DataFormatter();
		try (Workbook wb = new XSSFWorkbook(file)) {
			Sheet sheet = wb.getNumberOfSheets() == 0 ? null : wb.getSheetAt(0);
			if (sheet == null || sheet.getRow(0) == null || !HEADER[0].equals(text(format, sheet.getRow(0), 0))) {
				errors.add(new FieldError("file", "is not a measure list (the first column must be " + HEADER[0] + ")"));
				return rows;
			}
			for (int i = 1; i <= sheet.getLastRowNum(); i++) {
				org.apache.poi.ss.usermodel.Row row = sheet.getRow(i);
				if (row == null || text(format, row, 0) == null && text(format, row, 1) == null) {
					continue;
				}
				if (i > 5000) {
					errors.add(new FieldError("file", "at most 5000 rows"));
					break;
				}
				Row parsed = parse(i + 1, format, row, members, errors);
				if (parsed != null) {
					rows.add(parsed);
				}
			}
		}
		catch (IOException | RuntimeException e) {
			errors.add(new FieldError("file", "is not a readable XLSX workbook"));
		}
		return rows;
	}

	private Row parse(int line, DataFormatter f, org.apache.poi.ss.usermodel.Row row, Set<Long> members, List<FieldError> errors) {
		String p = "rows[" + line + "].";
		int before = errors.size();
		String code = required(errors, p + "code", text(f, row, 0), 40);
		String title = required(errors, p + "title", text(f, row, 1), 300);
		MeasureKind kind = choice(MeasureKind.class, text(f, row, 2), p + "kind", errors);
		UnitRef lead = null;
		String leadCode = text(f, row, 3);
		if (leadCode == null) {
			errors.add(new FieldError(p + "leadUnit", "is required"));
		}
		else {
			lead = org.unitByCode(leadCode).filter(u -> members.contains(u.id())).orElse(null);
			if (lead == null) {
				errors.add(new FieldError(p + "leadUnit", "must be the code of a unit of the mechanism"));
			}
		}
		Map<Long, String> partners = new LinkedHashMap<>();
		String partnerCell = text(f, row, 4);
		if (partnerCell != null) {
			for (String part : partnerCell.split("[；;]")) {
				if (part.isBlank()) {
					continue;
				}
				String[] kv = part.split("[:：]", 2);
				UnitRef u = org.unitByCode(kv[0].strip()).filter(x -> members.contains(x.id())).orElse(null);
				if (u == null || lead != null && u.id() == lead.id() || partners.containsKey(u.id())) {
					errors.add(new FieldError(p + "partners", "unknown, repeated or lead unit: " + kv[0].strip()));
				}
				else {
					partners.put(u.id(), kv.length > 1 && !kv[1].isBlank() ? cut(kv[1].strip(), 500) : "配合");
				}
			}
		}
		LocalDate start = date(text(f, row, 5), p + "startDate", errors);
		LocalDate due = date(text(f, row, 6), p + "dueDate", errors);
		if (start != null && due != null && due.isBefore(start)) {
			errors.add(new FieldError(p + "dueDate", "must not be before the start date"));
		}
		ReportCycle cycle = choice(ReportCycle.class, text(f, row, 7), p + "reportCycle", errors);
		String category = optional(errors, p + "category", text(f, row, 8), 100);
		String clause = optional(errors, p + "clause", text(f, row, 9), 300);
		BigDecimal weight = BigDecimal.ONE;
		String w = text(f, row, 10);
		if (w != null) {
			try {
				weight = new BigDecimal(w);
				if (weight.signum() <= 0 || weight.compareTo(BigDecimal.valueOf(1000)) > 0 || weight.scale() > 4) {
					errors.add(new FieldError(p + "weight", "must be more than 0 and at most 1000, with at most 4 decimals"));
				}
			}
			catch (NumberFormatException e) {
				errors.add(new FieldError(p + "weight", "must be a number"));
			}
		}
		String parentCode = text(f, row, 11);
		String description = optional(errors, p + "description", text(f, row, 12), 4000);
		List<MeasureService.TargetDraft> targets = new ArrayList<>();
		String targetCell = text(f, row, 13);
		if (targetCell != null) {
			for (String t : targetCell.split("[；;]")) {
				if (t.isBlank()) {
					continue;
				}
				String[] x = t.split("\\|", -1);
				try {
					LocalDate end = LocalDate.parse(x[1].strip());
					if (x[0].isBlank() || x[2].isBlank() || x.length < 5 || start != null && end.isBefore(start)
							|| due != null && end.isAfter(due)) {
						throw new IllegalArgumentException();
					}
					targets.add(new MeasureService.TargetDraft(cut(x[0].strip(), 60), end, null, cut(x[2].strip(), 200),
							new BigDecimal(x[3].strip()), new BigDecimal(x[4].strip()),
							x.length > 5 && !x[5].isBlank() ? cut(x[5].strip(), 30) : null));
				}
				catch (RuntimeException e) {
					errors.add(new FieldError(p + "targets", "each target is 阶段|YYYY-MM-DD|指标|基数|目标值|单位, within the measure's dates"));
				}
			}
		}
		return errors.size() > before ? null
				: new Row(line, code, title, kind, lead, partners, start, due, cycle, category, clause, weight, parentCode,
						description, targets);
	}

	private static String text(DataFormatter f, org.apache.poi.ss.usermodel.Row row, int column) {
		Cell c = row.getCell(column);
		if (c == null || c.getCellType() == CellType.BLANK) {
			return null;
		}
		String s = f.formatCellValue(c).strip();
		return s.isEmpty() ? null : s;
	}

	private static String required(List<FieldError> errors, String field, String value, int max) {
		if (value == null) {
			errors.add(new FieldError(field, "is required"));
			return null;
		}
		return optional(errors, field, value, max);
	}

	private static String optional(List<FieldError> errors, String field, String value, int max) {
		if (value != null && value.length() > max) {
			errors.add(new FieldError(field, "must be at most " + max + " characters"));
			return null;
		}
		return value;
	}

	private static <E extends Enum<E>> E choice(Class<E> type, String value, String field, List<FieldError> errors) {
		try {
			return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase());
		}
		catch (IllegalArgumentException e) {
			errors.add(new FieldError(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
			return null;
		}
	}

	private static LocalDate date(String value, String field, List<FieldError> errors) {
		try {
			LocalDate d = LocalDate.parse(value == null ? "" : value);
			if (d.getYear() < 2000 || d.getYear() > 2100) {
				throw new DateTimeParseException("range", value, 0);
			}
			return d;
		}
		catch (DateTimeParseException e) {
			errors.add(new FieldError(field, "must be a date YYYY-MM-DD between 2000 and 2100"));
			return null;
		}
	}

	private static String cut(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}
}
