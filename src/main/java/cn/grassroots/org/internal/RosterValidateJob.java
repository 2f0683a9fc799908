package cn.grassroots.org.internal;

import java.time.Instant;

import org.springframework.stereotype.Component;

import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.jobs.JobContext;
import cn.grassroots.platform.jobs.JobError;
import cn.grassroots.platform.jobs.JobFailedException;
import cn.grassroots.platform.jobs.JobHandler;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/** ROSTER_VALIDATE: checks every row of an uploaded roster file and records the outcome on the import. Writes no person. */
@Component
class RosterValidateJob implements JobHandler {

	private final RosterImportRepository imports;
	private final RosterValidator validator;
	private final FileStore files;
	private final CurrentUser user;

	RosterValidateJob(RosterImportRepository imports, RosterValidator validator, FileStore files, CurrentUser user) {
		this.imports = imports;
		this.validator = validator;
		this.files = files;
		this.user = user;
	}

	@Override
	public String kind() {
		return RosterJobs.VALIDATE;
	}

	@Override
	public void run(JobContext context) {
		long id = RosterJobs.importId(context.parameters());
		RosterImport imp = imports.find(id)
			.filter(i -> i.expiresAt().isAfter(Instant.now()))
			.orElseThrow(() -> new JobFailedException("import.gone"));
		if (!imp.owner().equals(context.owner())) {
			throw new JobFailedException("job.failed.forbidden");
		}
		if (!imports.startValidation(id, context.jobId())) {
			throw new JobFailedException("import.alreadyCommitted");
		}
		try {
			AccessScope scope = user.require(Permission.ROSTER_IMPORT);
			RosterValidator.Outcome outcome = RosterJobs.withUpload(files, imp, file -> validator.validate(file, scope,
					(fraction, rows) -> {
						context.progress(fraction);
						context.rows(rows);
					}));
			imports.validated(id, outcome.valid(), outcome.rows(), outcome.toCreate(), outcome.toUpdate(), outcome.errors());
			for (JobError e : outcome.errors()) {
				context.rowError(e.row(), e.column(), e.message(), e.args().toArray());
			}
			context.rows(outcome.rows());
			context.message(outcome.valid() ? "import.validated.ok" : "import.validated.errors");
		}
		catch (RuntimeException e) {
			imports.setState(id, RosterImport.State.FAILED);
			throw e;
		}
	}
}
