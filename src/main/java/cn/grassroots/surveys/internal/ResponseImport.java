package cn.grassroots.surveys.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.platform.ForbiddenException;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk import of paper and third-party responses (SURVEY_IMPORT, a background job). The file is
 * read once, streamed: every row is validated — the header, role, region (in the importer's
 * scope), submitted_at, token and the answers through the same {@link AnswerPolicy} as online
 * answering — and every bad row reported, while the good rows are spooled encoded; only a file
 * without errors is written, all rows in one transaction, or none.
 * <p>
 * A token must be the token of one of the questionnaire's per-person links, not used online nor by
 * an earlier import, and only once in the file. The file's tokens are kept hashed (as the links
 * store them) and looked up in bulk after the read ({@link Validation#lookUpTokens}); the links they
 * name are marked used by this job in the writing transaction, so the link cannot answer online
 * afterwards, and a link answered online in between fails the whole import.
 */
@Component
public class ResponseImport implements JobHandler {

	public static final String KIND = "SURVEY_IMPORT";

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ResponseImport.class);

	static final Set<String> FIXED = Set.of("token", "role", "region", "submitted_at");
	static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

	record Parameters(long questionnaireId, String fileId, String format, String fileName) {
	}

	private final QuestionnaireService questionnaires;
	private final ResponseRepository responses;
	private final AnalysisService analysis;
	private final FileStore files;
	private final JobService jobs;
	private final CurrentUser user;
	private final AuditLog audit;
	private final TransactionTemplate transaction;
	private final TransactionTemplate reading;
	private final JsonMapper json = JsonMapper.builder().build();
	private final ResponseBulkWriter writer;
	private final OrgDirectory directory;
	private final DistributionRepository distributions;

	ResponseImport(QuestionnaireService questionnaires, ResponseRepository responses, AnalysisService analysis,
			FileStore files, JobService jobs, CurrentUser user, AuditLog audit, PlatformTransactionManager transactions,
			ResponseBulkWriter writer, OrgDirectory org, DistributionRepository distributions) {
		this.distributions = distributions;
		this.writer = writer;
		this.directory = org;
		this.questionnaires = questionnaires;
		this.responses = responses;
		this.analysis = analysis;
		this.files = files;
		this.jobs = jobs;
		this.user = user;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactions);
		this.reading = new TransactionTemplate(transactions);
		this.reading.setReadOnly(true);
	}

	/** Holds the upload and queues the import; the job reports progress, rows and row errors. */
	public Job submit(long questionnaireId, String fileName, InputStream content) throws IOException {
		Questionnaire q = questionnaires.get(questionnaireId);
		user.require(Permission.SURVEY_IMPORT);
		StoredFile file = files.store(content, fileName == null ? "responses" : fileName, "application/octet-stream",
				user.username(), FilePurpose.UPLOAD, Duration.ofDays(1));
		byte[] head;
		try (InputStream in = files.open(file)) {
			head = in.readNBytes(4);
		}
		ResponseFile.Format format = ResponseFile.Format.of(fileName, head);
		return jobs.submit(KIND, json.writeValueAsString(new Parameters(q.id(), file.id(), format.name(), fileName)));
	}

	@Override
	public String kind() {
		return KIND;
	}

	/** What pass one learns about the header. */
	private record Header(Map<Integer, String> columns, int role, int region, int submittedAt, int token) {
	}

	@Override
	public void run(JobContext context) throws Exception {
		Parameters p = json.readValue(context.parameters(), Parameters.class);
		StoredFile file = files.find(p.fileId()).orElseThrow(() -> new JobFailedException("surveys.import.gone"));
		if (!file.owner().equals(context.owner())) {
			throw new JobFailedException("job.failed.forbidden");
		}
		Questionnaire q;
		AccessScope scope;
		try {
			q = questionnaires.get(p.questionnaireId());
			scope = user.require(Permission.SURVEY_IMPORT);
		}
		catch (ForbiddenException e) {
			throw new JobFailedException("job.failed.forbidden");
		}
		AnswerPolicy policy = questionnaires.policy(q.currentVersionId());
		ResponseFile.Format format = ResponseFile.Format.valueOf(p.format());
		Path path = Files.createTempFile("survey-import-", "." + format.name().toLowerCase(java.util.Locale.ROOT));
		try {
			try (InputStream in = files.open(file)) {
				Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
			}
			run(context, p, q, scope, policy, format, path);
		}
		finally {
			Files.deleteIfExists(path);
		}
		files.delete(file.id());
	}

	private void run(JobContext context, Parameters p, Questionnaire q, AccessScope scope, AnswerPolicy policy,
			ResponseFile.Format format, Path path) throws Exception {
		long versionId = q.currentVersionId();
		ResponseCodec codec = analysis.codec(versionId);
		Path spoolFile = Files.createTempFile("survey-import-", ".rows");
		try {
			// pass 1: read the upload once, validate every row, and spool the encoded good rows
			long t0 = System.nanoTime();
			Validation v = new Validation(policy, scope, context);
			try (ResponseSpool.Writer spool = new ResponseSpool.Writer(spoolFile)) {
				v.spool = row -> {
					if (context.errorCount() == 0) {
						ResponseCodec.Encoded e = codec.encode(row.values());
						spool.write(new ResponseSpool.Entry(row.region(), row.role(), row.submittedAt(), row.token(), e.closed(),
								e.numbers(), responses.openJson(e.open())));
					}
				};
				read(context, path, format, v::row);
			}
			if (v.header == null) {
				context.rowError(0, null, "surveys.import.empty");
			}
			else if (!v.tokens.isEmpty()) {
				// read-only, in a transaction, so PostgreSQL streams the links with a cursor
				reading.executeWithoutResult(status -> v.lookUpTokens(q.id()));
				v.reportTokens();
			}
			context.rows(v.rows);
			if (context.errorCount() > 0) {
				throw new JobFailedException("surveys.import.invalid");
			}
			Files.deleteIfExists(path);

			long t1 = System.nanoTime();
			List<Long> links = v.linkIds();
			// pass 2: the links marked used, then every spooled row, in one transaction (COPY on PostgreSQL,
			// JDBC batches elsewhere)
			long written;
			try {
				written = write(context, p, q, versionId, v, links, spoolFile);
			}
			catch (org.springframework.dao.DuplicateKeyException e) {
				// a link was used (answered online) after the file was checked: nothing was written; name the rows
				List<Long> taken = distributions.usedAmong(links);
				if (taken.isEmpty()) {
					throw e;
				}
				v.reportTaken(taken);
				throw new JobFailedException("surveys.import.invalid");
			}
			log.info("survey import job {}: {} rows validated in {} ms, written in {} ms", context.jobId(), written,
					(t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
			context.rows(written);
			context.progress(1);
			context.message("surveys.import.done");
		}
		finally {
			Files.deleteIfExists(spoolFile);
		}
	}

	private long write(JobContext context, Parameters p, Questionnaire q, long versionId, Validation v, List<Long> links,
			Path spoolFile) {
		return transaction.execute(status -> {
			distributions.markImported(links, v.draftedLinkIds(), Instant.now(), context.jobId());
			long n;
			try {
				n = writer.write(spoolFile, v.rows, q.id(), versionId, "IMPORT", context.jobId(), v::storedToken,
						f -> context.progress(WRITE_FROM + f * (1 - WRITE_FROM)));
			}
			catch (IOException e) {
				throw new java.io.UncheckedIOException(e);
			}
			catch (java.sql.SQLException e) {
				throw new IllegalStateException("could not write the responses", e);
			}
			audit.action("SURVEY_IMPORT").target("questionnaire", q.id()).region(q.regionCode())
				.detail(p.fileName() + ": " + n + " responses, " + links.size() + " links marked used")
				.after(Map.of("file", String.valueOf(p.fileName()), "rows", n, "job", context.jobId(), "version",
						q.currentVersion(), "linksUsed", links.size()))
				.record();
			return n;
		});
	}

	/** Where writing starts on the progress bar: validation reads and checks, writing stores. */
	private static final double WRITE_FROM = 0.6;

	@FunctionalInterface
	private interface Spooler {
		void accept(Row row) throws IOException;
	}

	/** Reads the file; one that cannot be read is the file's (or the row's) error, and the job fails. */
	private static void read(JobContext context, Path path, ResponseFile.Format format, ResponseFile.RowHandler handler)
			throws IOException {
		try {
			ResponseFile.read(path, format, handler);
		}
		catch (ResponseFile.UnreadableException e) {
			context.rowError(e.row(), null, e.reason());
			throw new JobFailedException("surveys.import.invalid");
		}
	}

	/** One parsed row; {@code token} is the hash of the row's token, as links store it. */
	private record Row(RespondentRole role, long region, Instant submittedAt, String token, Map<String, Object> values) {
	}

	/** A token of the file: the row it is first on, and, once looked up, its link and whether that may be used. */
	private static final class TokenUse {

		final int row;
		long link = -1;
		boolean named;
		/** The link holds answers saved online but not submitted; the import clears them. */
		boolean drafted;
		String refusal;

		TokenUse(int row) {
			this.row = row;
		}
	}

	/** Stream the questionnaire's links when they are at most this many times the file's tokens; else ask by hash. */
	private static final int STREAM_FACTOR = 8;
	private static final int LOOKUP_CHUNK = 1000;

	/** Pass one's state: header, tokens seen, regions looked up, rows counted. */
	private final class Validation {

		final AnswerPolicy policy;
		final AccessScope scope;
		final JobContext context;
		Header header;
		int headerRow = -1;
		long rows;
		/** The file's tokens by hash (SHA-256, hex), as the links store them. */
		final Map<String, TokenUse> tokens = new HashMap<>();
		final java.security.MessageDigest sha256 = AnswerTokens.sha256();
		final Set<String> questions = new HashSet<>();
		private long lastProgress;

		Spooler spool;
		final RegionCodeCache regionCodes = new RegionCodeCache(directory);

		Validation(AnswerPolicy policy, AccessScope scope, JobContext context) {
			this.policy = policy;
			this.scope = scope;
			this.context = context;
			policy.form().questions().forEach(x -> questions.add(x.name()));
		}

		void row(int number, List<String> cells, double progress) {
			if (header == null) {
				header(number, cells);
				headerRow = number;
				if (header == null) {
					throw new JobFailedException("surveys.import.badHeader");
				}
				return;
			}
			rows++;
			Row parsed = parse(number, cells, true);
			if (parsed != null && spool != null) {
				try {
					spool.accept(parsed);
				}
				catch (IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}
			if (rows - lastProgress >= 2000) {
				lastProgress = rows;
				context.progress(progress * WRITE_FROM);
				context.rows(rows);
			}
		}

		void header(int number, List<String> cells) {
			Map<Integer, String> columns = new LinkedHashMap<>();
			int role = -1;
			int region = -1;
			int submitted = -1;
			int token = -1;
			boolean ok = true;
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < cells.size(); i++) {
				String name = cells.get(i).strip();
				if (name.isEmpty()) {
					continue;
				}
				if (!seen.add(name)) {
					context.rowError(number, name, "surveys.import.duplicateColumn", name);
					ok = false;
					continue;
				}
				switch (name) {
					case "role" -> role = i;
					case "region" -> region = i;
					case "submitted_at" -> submitted = i;
					case "token" -> token = i;
					default -> {
						if (questions.contains(name)) {
							columns.put(i, name);
						}
						else if (!name.startsWith("x_")) {
							context.rowError(number, name, "surveys.import.unknownColumn", name);
							ok = false;
						}
					}
				}
			}
			for (var required : List.of(Map.entry("role", role), Map.entry("region", region),
					Map.entry("submitted_at", submitted))) {
				if (required.getValue() < 0) {
					context.rowError(number, required.getKey(), "surveys.import.missingColumn", required.getKey());
					ok = false;
				}
			}
			header = ok ? new Header(columns, role, region, submitted, token) : null;
		}

		private String cell(List<String> cells, int i) {
			return i < 0 || i >= cells.size() ? "" : cells.get(i).strip();
		}

		/** Checks (and reports, in pass one) a row; null when it has errors. */
		Row parse(int number, List<String> cells, boolean report) {
			boolean bad = false;
			Optional<RespondentRole> role = RespondentRole.parse(cell(cells, header.role()));
			if (role.isEmpty()) {
				bad = true;
				if (report) {
					context.rowError(number, "role", "surveys.import.role", cell(cells, header.role()));
				}
			}
			String regionText = cell(cells, header.region());
			Optional<Long> region = regionCodes.lookup(regionText);
			if (region.isEmpty()) {
				bad = true;
				if (report) {
					context.rowError(number, "region", "surveys.import.region", regionText);
				}
			}
			else if (!scope.reachesRegion(region.get())) {
				bad = true;
				if (report) {
					context.rowError(number, "region", "surveys.import.regionOutOfScope", regionText);
				}
			}
			Instant submitted = instant(cell(cells, header.submittedAt()));
			if (submitted == null) {
				bad = true;
				if (report) {
					context.rowError(number, "submitted_at", "surveys.import.submittedAt", cell(cells, header.submittedAt()));
				}
			}
			String token = cell(cells, header.token());
			String tokenHash = null;
			if (token.isEmpty()) {
				token = null;
			}
			else if (!AnswerTokens.wellFormed(token)) {
				// not the shape of a link's token at all
				bad = true;
				if (report) {
					context.rowError(number, "token", "surveys.import.tokenFormat");
				}
			}
			else {
				tokenHash = AnswerTokens.hash(sha256, token);
				if (report) {
					TokenUse first = tokens.putIfAbsent(tokenHash, new TokenUse(number));
					if (first != null) {
						bad = true;
						context.rowError(number, "token", "surveys.import.tokenTwice", first.row);
					}
				}
			}
			Map<String, String> answers = new HashMap<>();
			header.columns().forEach((i, name) -> answers.put(name, cell(cells, i)));
			AnswerPolicy.Result result = policy.check(answers);
			if (!result.ok()) {
				bad = true;
				if (report) {
					result.problems().forEach(x -> context.rowError(number, x.question(), x.message(), x.args().toArray()));
				}
			}
			return bad ? null : new Row(role.get(), region.get(), submitted, tokenHash, result.values());
		}

		/**
		 * Every token of the file must be a per-person link of the questionnaire, used neither online
		 * nor by an earlier import; each bad one is a row error on column {@code token}. Looked up in
		 * bulk by hash: when the questionnaire's links are at most {@link #STREAM_FACTOR} times the
		 * file's tokens they are streamed once (one query, one pass over the links), otherwise the
		 * file's hashes are asked for {@link #LOOKUP_CHUNK} at a time over the unique index (one query
		 * per thousand tokens) — never one query per row. {@link #reportTokens} reports them.
		 */
		void lookUpTokens(long questionnaireId) {
			java.util.function.Consumer<DistributionRepository.ImportLink> found = link -> {
				TokenUse use = tokens.get(link.tokenHash());
				if (use != null) {
					use.link = link.id();
					use.named = !link.anonymous();
					use.drafted = link.drafted();
					use.refusal = link.usedOnline() ? "surveysD.import.tokenAnswered"
							: link.imported() ? "surveysD.import.tokenImported" : null;
				}
			};
			if (distributions.tokenLinkCount(questionnaireId) <= (long) STREAM_FACTOR * tokens.size()) {
				distributions.importLinks(questionnaireId, found);
			}
			else {
				List<String> chunk = new ArrayList<>(LOOKUP_CHUNK);
				for (String hash : tokens.keySet()) {
					chunk.add(hash);
					if (chunk.size() == LOOKUP_CHUNK) {
						distributions.importLinks(questionnaireId, chunk, found);
						chunk = new ArrayList<>(LOOKUP_CHUNK);
					}
				}
				if (!chunk.isEmpty()) {
					distributions.importLinks(questionnaireId, chunk, found);
				}
			}
		}

		/** A row error on {@code token} for every token that is no usable link of the questionnaire, in row order. */
		void reportTokens() {
			tokens.values().stream()
				.filter(use -> use.link < 0 || use.refusal != null)
				.sorted(java.util.Comparator.comparingInt(use -> use.row))
				.forEach(use -> context.rowError(use.row, "token",
						use.link < 0 ? "surveysD.import.tokenUnknown" : use.refusal));
		}

		/** The links the file's tokens name (all checked usable by now). */
		List<Long> linkIds() {
			List<Long> ids = new ArrayList<>(tokens.size());
			tokens.values().forEach(use -> ids.add(use.link));
			return ids;
		}

		/** Those of them holding a draft saved online. */
		List<Long> draftedLinkIds() {
			return tokens.values().stream().filter(use -> use.drafted).map(use -> use.link).toList();
		}

		/** What a response keeps of its token: a named link's id, as online answering keeps it; nothing when anonymous. */
		String storedToken(String hash) {
			TokenUse use = tokens.get(hash);
			return use == null || !use.named ? null : "link:" + use.link;
		}

		/** Reports the rows whose links were answered online while the file was being checked. */
		void reportTaken(List<Long> ids) {
			Set<Long> taken = new HashSet<>(ids);
			tokens.values().stream()
				.filter(use -> taken.contains(use.link))
				.sorted(java.util.Comparator.comparingInt(use -> use.row))
				.forEach(use -> context.rowError(use.row, "token", "surveysD.import.tokenAnswered"));
		}
	}

	/** ISO-8601: an instant with offset or Z, a local date-time or a date (read as China time). */
	static Instant instant(String text) {
		if (text == null || text.isBlank() || text.length() > 40) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException e) {
			// try the local forms
		}
		try {
			return LocalDateTime.parse(text).atZone(LOCAL).toInstant();
		}
		catch (DateTimeParseException e) {
			// try a date
		}
		try {
			return LocalDate.parse(text).atStartOfDay(LOCAL).toInstant();
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}
}
