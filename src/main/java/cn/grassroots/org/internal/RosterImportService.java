package cn.grassroots.org.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.files.FilePurpose;
import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.files.StoredFile;
import cn.grassroots.platform.jobs.Job;
import cn.grassroots.platform.jobs.JobService;
import cn.grassroots.platform.jobs.JobState;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * Roster import: the upload is held in the file store for 24 hours and validated completely by a
 * job (ROSTER_VALIDATE) before anything is written; a file without errors is then committed by
 * another job (ROSTER_IMPORT) that re-validates and writes every row in one transaction.
 */
@Service
public class RosterImportService {

	static final Duration UPLOAD_TTL = Duration.ofHours(24);
	private static final Logger log = LoggerFactory.getLogger(RosterImportService.class);
	private static final byte[] ZIP = { 'P', 'K', 3, 4 };

	private final RosterImportRepository imports;
	private final FileStore files;
	private final JobService jobs;
	private final CurrentUser user;
	private final RosterTemplate template;

	RosterImportService(RosterImportRepository imports, FileStore files, JobService jobs, CurrentUser user,
			RosterTemplate template) {
		this.imports = imports;
		this.files = files;
		this.jobs = jobs;
		this.user = user;
		this.template = template;
	}

	/** The import template (needs ROSTER_IMPORT). */
	public void writeTemplate(OutputStream out, Locale locale) throws IOException {
		user.require(Permission.ROSTER_IMPORT);
		template.write(out, locale);
	}

	public static String templateFileName() {
		return RosterTemplate.FILE_NAME;
	}

	public static String xlsxContentType() {
		return RosterTemplate.CONTENT_TYPE;
	}

	/** Holds the upload and queues its validation. Refuses empty files and anything that is not an XLSX (400). */
	@Transactional
	public RosterImport upload(String fileName, long size, InputStream content) {
		user.require(Permission.ROSTER_IMPORT);
		if (size <= 0 || content == null) {
			throw InvalidInputException.of("file", "import.file.empty");
		}
		String name = fileName == null ? "" : fileName.trim();
		if (!name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
			throw InvalidInputException.of("file", name.toLowerCase(Locale.ROOT).endsWith(".xls") ? "import.file.xls"
					: "import.file.notXlsx");
		}
		InputStream in = new BufferedInputStream(content);
		try {
			in.mark(ZIP.length);
			byte[] head = in.readNBytes(ZIP.length);
			in.reset();
			if (head.length == 0) {
				throw InvalidInputException.of("file", "import.file.empty");
			}
			if (!java.util.Arrays.equals(head, ZIP)) {
				throw InvalidInputException.of("file", "import.file.notXlsx");
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		String owner = user.username();
		StoredFile file = files.store(in, name, RosterTemplate.CONTENT_TYPE, owner, FilePurpose.UPLOAD, UPLOAD_TTL);
		long id = imports.insert(owner, file.id(), file.name(), file.expiresAt());
		Job job = jobs.submit(RosterJobs.VALIDATE, RosterJobs.importParameters(id));
		imports.setValidateJob(id, job.id());
		return imports.find(id).orElseThrow();
	}

	/** One of the caller's imports: 404 when unknown or expired, 403 when another user's. */
	public RosterImport get(long id) {
		RosterImport imp = imports.find(id)
			.filter(i -> i.expiresAt().isAfter(Instant.now()))
			.orElseThrow(() -> new NotFoundException("no import " + id));
		if (!imp.owner().equals(user.username())) {
			throw new ForbiddenException("the upload belongs to another user");
		}
		return withEffectiveState(imp);
	}

	/** The validation job of an import, for its progress. */
	public Optional<Job> validation(RosterImport imp) {
		return imp.validateJobId() == null ? Optional.empty() : jobs.find(imp.validateJobId());
	}

	/** Waits (bounded) for the validation to finish; returns the import as it is then. */
	public RosterImport awaitValidation(long id, Duration max) {
		RosterImport imp = get(id);
		if (imp.state() == RosterImport.State.VALIDATING && imp.validateJobId() != null) {
			jobs.await(imp.validateJobId(), max);
			imp = get(id);
		}
		return imp;
	}

	/**
	 * Queues the commit of a validated import without errors (409 otherwise: still validating,
	 * errors, already being committed).
	 */
	@Transactional
	public Job commit(long id) {
		user.require(Permission.ROSTER_IMPORT);
		RosterImport imp = get(id);
		switch (imp.state()) {
			case VALIDATING -> throw new ConflictException("the file is still being validated");
			case INVALID -> throw new ConflictException("the file has " + imp.errorCount() + " errors; correct them and upload it again");
			case FAILED -> throw new ConflictException("the file could not be validated; upload it again");
			case COMMITTING, COMMITTED -> throw new ConflictException("the file is already being imported");
			case VALID -> {
			}
		}
		RosterImport stored = imports.find(id).orElseThrow();
		Job job = jobs.submit(RosterJobs.IMPORT, RosterJobs.importParameters(id));
		boolean claimed = stored.state() == RosterImport.State.COMMITTING
				? imports.takeOverCommit(id, job.id(), stored.commitJobId())
				: imports.claimCommit(id, job.id());
		if (!claimed) {
			throw new ConflictException("the file is already being imported");
		}
		return job;
	}

	/**
	 * The state as the user should see it: a validation or commit whose job died with the process
	 * (marked FAILED on restart) is shown as failed, or as valid again so the commit can be retried.
	 */
	private RosterImport withEffectiveState(RosterImport imp) {
		RosterImport.State state = imp.state();
		if (state == RosterImport.State.VALIDATING && jobFailed(imp.validateJobId())) {
			state = RosterImport.State.FAILED;
		}
		else if (state == RosterImport.State.COMMITTING && jobFailed(imp.commitJobId())) {
			state = RosterImport.State.VALID;
		}
		if (state == imp.state()) {
			return imp;
		}
		return new RosterImport(imp.id(), imp.owner(), imp.fileId(), imp.fileName(), state, imp.validateJobId(),
				imp.commitJobId(), imp.rows(), imp.toCreate(), imp.toUpdate(), imp.errorCount(), imp.errors(),
				imp.createdAt(), imp.expiresAt(), imp.committedAt());
	}

	private boolean jobFailed(Long jobId) {
		return jobId != null && jobs.find(jobId).map(j -> j.state() == JobState.FAILED).orElse(true);
	}

	/** Forgets expired imports; their uploads are removed by the file store's own clean-up. */
	@Scheduled(initialDelayString = "${grassroots.files.cleanup-delay:PT1M}", fixedDelayString = "${grassroots.files.cleanup-interval:PT1H}")
	public void deleteExpired() {
		int n = imports.deleteExpired();
		if (n > 0) {
			log.info("forgot {} expired roster imports", n);
		}
	}
}
