package cn.grassroots.surveys.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.files.FilePurpose;
import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.files.StoredFile;
import cn.grassroots.platform.jobs.Job;
import cn.grassroots.platform.jobs.JobContext;
import cn.grassroots.platform.jobs.JobFailedException;
import cn.grassroots.platform.jobs.JobHandler;
import cn.grassroots.platform.jobs.JobService;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.security.ScopeFilter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SURVEY_EXPORT: a questionnaire's responses in the owner's SURVEY_ANALYSE scope (filtered in SQL),
 * streamed from the database into CSV (UTF-8 with a BOM, RFC 4180) or XLSX (SXSSF, a window of rows
 * in memory). The columns are the import's — token, role, region, submitted_at, then one per question
 * of the current version, multiple choices and rankings as space-separated choice names — so an
 * export imports again; then one per question that earlier versions had and the current one removed,
 * named {@code x_removed_<name>} (the import ignores x_ columns), holding the answers given to it as
 * their version coded them; x_version and x_source (ignored too) say where each came from. The
 * columns are computed once per export, and each version's codec once. Responses come region by region.
 * The file is kept for a week; one audit event with the count.
 */
@Component
public class ResponseExport implements JobHandler {

	public static final String KIND = "SURVEY_EXPORT";
	public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	public enum Format {
		CSV, XLSX
	}

	record Parameters(long questionnaireId, Format format) {
	}

	static final Duration TTL = Duration.ofDays(7);
	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private final QuestionnaireService questionnaires;
	private final QuestionnaireRepository repository;
	private final AnalysisService analysis;
	private final FileStore files;
	private final JobService jobs;
	private final CurrentUser user;
	private final AuditLog audit;
	private final NamedParameterJdbcTemplate streaming;
	private final ResponseRepository responses;
	private final JsonMapper json = JsonMapper.builder().build();

	ResponseExport(QuestionnaireService questionnaires, QuestionnaireRepository repository, AnalysisService analysis,
			FileStore files, JobService jobs, CurrentUser user, AuditLog audit, JdbcTemplate template,
			ResponseRepository responses) {
		this.responses = responses;
		this.questionnaires = questionnaires;
		this.repository = repository;
		this.analysis = analysis;
		this.files = files;
		this.jobs = jobs;
		this.user = user;
		this.audit = audit;
		JdbcTemplate t = new JdbcTemplate(template.getDataSource());
		t.setFetchSize(5000);
		this.streaming = new NamedParameterJdbcTemplate(t);
	}

	@Override
	public String kind() {
		return KIND;
	}

	/** Queues the export; 403 without SURVEY_ANALYSE or outside the questionnaire's region. */
	public Job submit(long questionnaireId, String format) {
		Questionnaire q = questionnaires.get(questionnaireId);
		user.require(Permission.SURVEY_ANALYSE);
		Format f;
		try {
			f = format == null || format.isBlank() ? Format.CSV : Format.valueOf(format.strip().toUpperCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw InvalidInputException.of("format", "surveys.export.format");
		}
		return jobs.submit(KIND, json.writeValueAsString(new Parameters(q.id(), f)));
	}

	/** One response as the export writes it: the fixed columns, then the answers by question name. */
	private record Line(String token, String role, String region, String submittedAt, Map<String, String> answers,
			int version, String source) {
	}

	@FunctionalInterface
	private interface LineSink {
		void accept(Line line) throws IOException;
	}

	@Override
	public void run(JobContext context) throws Exception {
		Parameters p = json.readValue(context.parameters(), Parameters.class);
		Questionnaire q;
		AccessScope scope;
		try {
			q = questionnaires.get(p.questionnaireId());
			scope = user.require(Permission.SURVEY_ANALYSE);
		}
		catch (ForbiddenException e) {
			throw new JobFailedException("job.failed.forbidden");
		}
		Form form = questionnaires.form(q.currentVersionId());
		List<long[]> versions = repository.versions(q.id());
		// the question columns, computed once: the current version's, then those earlier versions had and it removed
		List<String> questions = columns(form, versions.stream().map(v -> questionnaires.form(v[1])).toList());
		List<String> header = new ArrayList<>(List.of("token", "role", "region", "submitted_at"));
		int current = form.questions().size();
		for (int i = 0; i < questions.size(); i++) {
			header.add(i < current ? questions.get(i) : REMOVED_PREFIX + questions.get(i));
		}
		header.add("x_version");
		header.add("x_source");
		Map<Long, Integer> versionNumbers = new HashMap<>();
		for (long[] v : versions) {
			versionNumbers.put(v[1], (int) v[0]);
		}
		ScopeFilter.Condition c = ResponseRepository.SCOPE.condition(scope);
		Map<String, Object> params = new HashMap<>(c.params());
		params.put("q", q.id());
		long total = Math.max(1, analysisCount(q.id(), scope));
		String name = form.formId() + "-" + LocalDateTime.now(CHINA).format(STAMP) + (p.format() == Format.CSV ? ".csv" : ".xlsx");
		long t0 = System.nanoTime();
		long[] rows = { 0 };
		StoredFile file = files.write(name, p.format() == Format.CSV ? "text/csv; charset=UTF-8" : XLSX_TYPE, context.owner(),
				FilePurpose.EXPORT, TTL, out -> {
					if (p.format() == Format.CSV) {
						csv(out, header, questions, sink -> read(params, c, versionNumbers, sink, rows, total, context));
					}
					else {
						xlsx(out, header, questions, sink -> read(params, c, versionNumbers, sink, rows, total, context));
					}
				});
		context.resultFile(file.id());
		context.rows(rows[0]);
		audit.action("SURVEY_EXPORT").target("questionnaire", q.id()).region(q.regionCode())
			.detail(file.name() + ": " + rows[0] + " responses")
			.after(Map.of("file", file.id(), "format", p.format().name(), "rows", rows[0], "job", context.jobId()))
			.record();
		org.slf4j.LoggerFactory.getLogger(ResponseExport.class).info("survey export job {}: {} rows as {} in {} ms",
				context.jobId(), rows[0], p.format(), (System.nanoTime() - t0) / 1_000_000);
		context.progress(1);
		context.message("surveys.export.done");
	}

	/**
	 * The header of an answer column for a question that earlier versions had and the current one has
	 * not: the import ignores it (it starts with {@code x_}), so an export still imports again.
	 */
	public static final String REMOVED_PREFIX = "x_removed_";

	/**
	 * Every question name that ever existed across the versions, once: the current version's in its
	 * order, then the removed ones in the order they first appear, oldest version first.
	 */
	static List<String> columns(Form current, List<Form> versionsOldestFirst) {
		java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
		current.questions().forEach(x -> names.add(x.name()));
		for (Form f : versionsOldestFirst) {
			f.questions().forEach(x -> names.add(x.name()));
		}
		return List.copyOf(names);
	}

	private long analysisCount(long questionnaireId, AccessScope scope) {
		return responses.countAndMaxId(questionnaireId, scope)[0];
	}

	@FunctionalInterface
	private interface Source {
		void each(LineSink sink) throws IOException;
	}

	private void read(Map<String, Object> params, ScopeFilter.Condition c, Map<Long, Integer> versionNumbers, LineSink sink,
			long[] rows, long total, JobContext context) throws IOException {
		try {
			streaming.query("SELECT r.version_id, r.region_code, r.role, r.token, r.source, r.submitted_at, r.closed, r.numbers, "
					+ "r.open_answers FROM survey_response r WHERE r.questionnaire_id = :q AND " + c.sql()
					// region by region, the order of ix_survey_response_region: sorting 339,000 rows by id made
					// H2 spool them to a temporary file (17.9 s of a 5 s export)
					+ " ORDER BY r.questionnaire_id, r.region_code",
					params, rs -> {
						long versionId = rs.getLong(1);
						ResponseCodec codec = analysis.codec(versionId);
						String open = rs.getString(9);
						Map<String, String> openMap = open == null ? null
								: json.readValue(open, new TypeReference<LinkedHashMap<String, String>>() {
								});
						OffsetDateTime at = rs.getObject(6, OffsetDateTime.class);
						Line line = new Line(rs.getString(4), rs.getString(3), Long.toString(rs.getLong(2)),
								at.atZoneSameInstant(CHINA).toOffsetDateTime().toString(),
								codec.decode(rs.getString(7), rs.getString(8), openMap),
								versionNumbers.getOrDefault(versionId, 0), rs.getString(5));
						try {
							sink.accept(line);
						}
						catch (IOException e) {
							throw new java.io.UncheckedIOException(e);
						}
						if (++rows[0] % 5000 == 0) {
							context.progress(Math.min(0.99, rows[0] / (double) total));
							context.rows(rows[0]);
						}
					});
		}
		catch (java.io.UncheckedIOException e) {
			throw e.getCause();
		}
	}

	private static List<String> cells(Line l, List<String> questions) {
		List<String> cells = new ArrayList<>(questions.size() + 6);
		// a token is a link's single-use credential, used once this response came in: an export carries none,
		// so it imports again (into a copy of the questionnaire)
		cells.add("");
		cells.add(l.role());
		cells.add(l.region());
		cells.add(l.submittedAt());
		for (String q : questions) {
			String v = l.answers().get(q);
			cells.add(v == null ? "" : v);
		}
		cells.add(Integer.toString(l.version()));
		cells.add(l.source());
		return cells;
	}

	private static void csv(OutputStream out, List<String> header, List<String> questions, Source source) throws IOException {
		Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
		w.write('\uFEFF');
		csvLine(w, header);
		source.each(l -> csvLine(w, cells(l, questions)));
		w.flush();
	}

	/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; lines end with CRLF. */
	static void csvLine(Writer w, List<String> cells) throws IOException {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				w.write(',');
			}
			String s = cells.get(i);
			boolean quote = false;
			for (int k = 0; k < s.length() && !quote; k++) {
				char ch = s.charAt(k);
				quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
			}
			if (quote) {
				w.write('"');
				w.write(s.replace("\"", "\"\""));
				w.write('"');
			}
			else {
				w.write(s);
			}
		}
		w.write("\r\n");
	}

	private static void xlsx(OutputStream out, List<String> header, List<String> questions, Source source) throws IOException {
		SXSSFWorkbook wb = new SXSSFWorkbook(500);
		try {
			SXSSFSheet sheet = wb.createSheet("responses");
			Row h = sheet.createRow(0);
			// a removed question's column keeps its x_removed_ name (so the file imports again) and is greyed
			org.apache.poi.ss.usermodel.CellStyle removed = wb.createCellStyle();
			org.apache.poi.ss.usermodel.Font grey = wb.createFont();
			grey.setItalic(true);
			grey.setColor(org.apache.poi.ss.usermodel.IndexedColors.GREY_50_PERCENT.getIndex());
			removed.setFont(grey);
			for (int i = 0; i < header.size(); i++) {
				var cell = h.createCell(i);
				cell.setCellValue(header.get(i));
				if (header.get(i).startsWith(REMOVED_PREFIX)) {
					cell.setCellStyle(removed);
				}
			}
			int[] r = { 1 };
			source.each(l -> {
				Row row = sheet.createRow(r[0]++);
				List<String> cells = cells(l, questions);
				for (int i = 0; i < cells.size(); i++) {
					if (!cells.get(i).isEmpty()) {
						row.createCell(i).setCellValue(cells.get(i));
					}
				}
			});
			wb.write(out);
		}
		finally {
			wb.close();
		}
	}
}
