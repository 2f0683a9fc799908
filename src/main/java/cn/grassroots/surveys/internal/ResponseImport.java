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
 * answering — and every bad row reported. While no row has failed, the good rows go encoded, a
 * chunk at a time, to one writing transaction on a second thread ({@link ImportWriting}), so
 * checking and storing overlap; it commits only when the whole file was clean, otherwise it rolls
 * back: all rows or none.
 * <p>
 * A token must be the token of one of the questionnaire's per-person links, not used online nor by
 * an earlier import, and only once in the file. The file's tokens are kept hashed (as the links
 * store them) and found among the questionnaire's links, read into memory once or asked for a
 * thousand at a time ({@link Validation#lookUpTokens}); each chunk's
 * links are claimed for this job in the writing transaction before its rows are stored, so a link
 * cannot answer online afterwards, and a link answered online in between fails the whole import.
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
		long t0 = System.nanoTime();
		Validation v = new Validation(q.id(), policy, scope, context, analysis.codec(versionId), Files.size(path));
		long written;
		// the file is read once: every row checked, and while none has failed the good rows go, a chunk at
		// a time, to the writing transaction on another thread, which commits only if the whole file was clean
		try (ImportWriting writing = new ImportWriting(transaction, distributions, writer, responses, q.id(), versionId,
				context.jobId(), Instant.now(), n -> audit(context, p, q, n, v.tokens.size()))) {
			v.writing = writing;
			read(context, path, format, v::row);
			if (v.header == null) {
				context.rowError(0, null, "surveys.import.empty");
			}
			else {
				v.flush();
			}
			context.rows(v.rows);
			if (context.errorCount() > 0) {
				throw new JobFailedException("surveys.import.invalid");
			}
			Files.deleteIfExists(path);
			try {
				written = writing.finish();
			}
			catch (org.springframework.dao.DuplicateKeyException e) {
				// a link was used (answered online) after its row was checked: nothing was written; name the rows
				List<Long> taken = distributions.usedAmong(v.linkIds());
				if (taken.isEmpty()) {
					throw e;
				}
				v.reportTaken(taken);
				throw new JobFailedException("surveys.import.invalid");
			}
			log.info("survey import job {}: {} rows checked and written in {} ms (links looked up in {} ms, marked used in {} ms)",
					context.jobId(), written, (System.nanoTime() - t0) / 1_000_000, v.lookUpNanos / 1_000_000,
					writing.markNanos() / 1_000_000);
		}
		context.rows(written);
		context.progress(1);
		context.message("surveys.import.done");
	}

	private void audit(JobContext context, Parameters p, Questionnaire q, long n, int links) {
		audit.action("SURVEY_IMPORT").target("questionnaire", q.id()).region(q.regionCode())
			.detail(p.fileName() + ": " + n + " responses, " + links + " links marked used")
			.after(Map.of("file", String.valueOf(p.fileName()), "rows", n, "job", context.jobId(), "version",
					q.currentVersion(), "linksUsed", links))
			.record();
	}

	/** How much of the progress bar reading and checking take (writing runs alongside); committing is the rest. */
	private static final double READ_SHARE = 0.95;

	/** Rows handed to the writer at once, and tokens looked up at once (one query over the unique index). */
	private static final int CHUNK = 5_000;
	private static final int LOOKUP_CHUNK = 1_000;
	/**
	 * A file with tokens reads all the questionnaire's links into a {@link LinkIndex} while its first
	 * rows are checked, when they are at most {@link #INDEXED_LINKS_MAX} (about 45 MB) and at most
	 * {@link #INDEX_FACTOR} times the tokens the file can hold (a token takes at least
	 * {@link #BYTES_PER_TOKEN} bytes of a file, even compressed); otherwise its tokens are asked for
	 * by hash. Rows checked while the links load wait, encoded, up to {@link #PENDING_MAX}.
	 */
	private static final int INDEXED_LINKS_MAX = 1_000_000;
	private static final int INDEX_FACTOR = 8;
	private static final int BYTES_PER_TOKEN = 20;
	private static final int PENDING_MAX = 50_000;

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

	/** A checked row waiting for its token's link to be known: the hash and the row (its stored token still unset). */
	private record Pending(String tokenHash, ResponseBulkWriter.Row row) {
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

	/** The reading side's state: header, tokens seen, regions looked up, rows counted, rows not yet handed over. */
	private final class Validation {

		final long questionnaireId;
		/** The upload's size, a bound on how many tokens it can hold. */
		final long fileBytes;
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
		/** Time spent looking up the file's links, for the job's log line. */
		long lookUpNanos;
		final ResponseCodec codec;
		ImportWriting writing;
		/** Good rows not yet handed to the writer, and the file's tokens not yet looked up. */
		final List<Pending> pending = new ArrayList<>(CHUNK);
		final List<String> unresolved = new ArrayList<>(LOOKUP_CHUNK);
		/** The questionnaire's links being read into memory (null: tokens are asked for by hash). */
		java.util.concurrent.CompletableFuture<LinkIndex> index;
		final RegionCodeCache regionCodes = new RegionCodeCache(directory);

		Validation(long questionnaireId, AnswerPolicy policy, AccessScope scope, JobContext context, ResponseCodec codec,
				long fileBytes) {
			this.questionnaireId = questionnaireId;
			this.fileBytes = fileBytes;
			this.policy = policy;
			this.scope = scope;
			this.context = context;
			this.codec = codec;
			policy.form().questions().forEach(x -> questions.add(x.name()));
		}

		void row(int number, List<String> cells, double progress) {
			if (header == null) {
				header(number, cells);
				headerRow = number;
				if (header == null) {
					throw new JobFailedException("surveys.import.badHeader");
				}
				if (header.token() >= 0) {
					loadLinks();
				}
				return;
			}
			rows++;
			Row parsed = parse(number, cells, true);
			if (parsed != null && context.errorCount() == 0) {
				ResponseCodec.Encoded e = codec.encode(parsed.values());
				pending.add(new Pending(parsed.token(), new ResponseBulkWriter.Row(parsed.region(), parsed.role(),
						parsed.submittedAt(), null, e.closed(), e.numbers(), responses.openJson(e.open()))));
			}
			if (index == null && unresolved.size() >= LOOKUP_CHUNK) {
				lookUpTokens();
			}
			if (pending.size() >= CHUNK && (index == null || index.isDone() || pending.size() >= PENDING_MAX)) {
				flush();
			}
			if (rows - lastProgress >= 2000) {
				lastProgress = rows;
				context.progress(progress * READ_SHARE);
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
					if (first == null) {
						unresolved.add(tokenHash);
					}
					else {
						bad = true;
						context.rowError(number, "token", "surveys.import.tokenTwice", first.row);
					}
				}
			}
			Map<String, String> answers = new HashMap<>(2 * header.columns().size());
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
		 * nor by an earlier import; each bad one is a row error on column {@code token}. The tokens not
		 * yet looked up are found in the {@link LinkIndex} when the links were read into memory (waiting
		 * for it if need be), otherwise asked for by hash, {@link #LOOKUP_CHUNK} at a time over the unique
		 * index (one query per thousand tokens, never one per row), outside the writing transaction.
		 */
		void lookUpTokens() {
			if (unresolved.isEmpty()) {
				return;
			}
			long l0 = System.nanoTime();
			java.util.function.Consumer<DistributionRepository.ImportLink> found = link -> {
				TokenUse use = tokens.get(link.tokenHash());
				use.link = link.id();
				use.named = !link.anonymous();
				use.drafted = link.drafted();
				use.refusal = link.usedOnline() ? "surveysD.import.tokenAnswered"
						: link.imported() ? "surveysD.import.tokenImported" : null;
			};
			if (index != null) {
				LinkIndex links = index.join();
				for (String hash : unresolved) {
					DistributionRepository.ImportLink link = links.find(hash);
					if (link != null) {
						found.accept(link);
					}
				}
			}
			else {
				for (int from = 0; from < unresolved.size(); from += LOOKUP_CHUNK) {
					distributions.importLinks(questionnaireId, unresolved.subList(from, Math.min(unresolved.size(),
							from + LOOKUP_CHUNK)), found);
				}
			}
			unresolved.stream()
				.map(tokens::get)
				.filter(use -> use.link < 0 || use.refusal != null)
				.forEach(use -> context.rowError(use.row, "token", use.link < 0 ? "surveysD.import.tokenUnknown" : use.refusal));
			unresolved.clear();
			lookUpNanos += System.nanoTime() - l0;
		}

		/**
		 * Starts reading the questionnaire's links into a {@link LinkIndex} on another thread, in one
		 * pass (a cursor on PostgreSQL), unless they are too many to hold or far more than the file's
		 * tokens can be; then tokens are asked for by hash.
		 */
		void loadLinks() {
			long count = distributions.tokenLinkCount(questionnaireId);
			if (count > INDEXED_LINKS_MAX || count > INDEX_FACTOR * (fileBytes / BYTES_PER_TOKEN)) {
				return;
			}
			index = java.util.concurrent.CompletableFuture.supplyAsync(() -> reading.execute(status -> {
				LinkIndex links = new LinkIndex((int) count);
				distributions.importLinks(questionnaireId, links::add);
				return links.seal();
			}), task -> {
				Thread thread = new Thread(task, "survey-import-" + context.jobId() + "-links");
				thread.setDaemon(true);
				thread.start();
			});
		}

		/**
		 * Looks up the tokens still unknown and, while the file is clean so far, hands the pending rows
		 * to the writer with the links they use (the writer claims those before storing the rows).
		 */
		void flush() {
			lookUpTokens();
			if (context.errorCount() == 0 && !writing.failed()) {
				for (int from = 0; from < pending.size(); from += CHUNK) {
					List<Pending> part = pending.subList(from, Math.min(pending.size(), from + CHUNK));
					List<Long> links = new ArrayList<>();
					List<Long> drafted = new ArrayList<>();
					List<ResponseBulkWriter.Row> rows = new ArrayList<>(part.size());
					for (Pending p : part) {
						ResponseBulkWriter.Row row = p.row();
						if (p.tokenHash() != null) {
							TokenUse use = tokens.get(p.tokenHash());
							links.add(use.link);
							if (use.drafted) {
								drafted.add(use.link);
							}
							// a named link's response carries the link, as online answering keeps it; an anonymous one nothing
							if (use.named) {
								row = new ResponseBulkWriter.Row(row.regionCode(), row.role(), row.submittedAt(), "link:" + use.link,
										row.closed(), row.numbers(), row.open());
							}
						}
						rows.add(row);
					}
					if (!writing.add(new ImportWriting.Chunk(links, drafted, rows))) {
						break;
					}
				}
			}
			pending.clear();
		}

		/** The links the file's tokens name. */
		List<Long> linkIds() {
			List<Long> ids = new ArrayList<>(tokens.size());
			tokens.values().forEach(use -> {
				if (use.link >= 0) {
					ids.add(use.link);
				}
			});
			return ids;
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
