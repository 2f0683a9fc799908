package cn.grassroots.org.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.org.Person;
import cn.grassroots.org.PostType;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.jobs.Job;
import cn.grassroots.platform.jobs.JobContext;
import cn.grassroots.platform.jobs.JobError;
import cn.grassroots.platform.jobs.JobFailedException;
import cn.grassroots.platform.jobs.JobHandler;
import cn.grassroots.platform.jobs.JobService;
import cn.grassroots.platform.jobs.JobState;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/**
 * ROSTER_IMPORT: re-validates a validated upload with the owner's current scope and writes every
 * row in one transaction, or none; one audit event (PERSON_IMPORT) with the counts. The upload
 * is deleted once written.
 */
@Component
class RosterImportJob implements JobHandler {

	private record Written(RosterValidator.Outcome outcome, int created, int updated) {
	}

	private final RosterImportRepository imports;
	private final RosterValidator validator;
	private final PersonRepository people;
	private final PersonService personService;
	private final FileStore files;
	private final CurrentUser user;
	private final AuditLog audit;
	private final JobService jobs;
	private final TransactionTemplate transaction;

	RosterImportJob(RosterImportRepository imports, RosterValidator validator, PersonRepository people,
			PersonService personService, FileStore files, CurrentUser user, AuditLog audit, JobService jobs,
			PlatformTransactionManager transactions) {
		this.imports = imports;
		this.validator = validator;
		this.people = people;
		this.personService = personService;
		this.files = files;
		this.user = user;
		this.audit = audit;
		this.jobs = jobs;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Override
	public String kind() {
		return RosterJobs.IMPORT;
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
		claim(imp, context.jobId());
		AccessScope scope = user.require(Permission.ROSTER_IMPORT);
		Written written;
		try {
			written = transaction.execute(status -> {
				RosterValidator.Outcome outcome = RosterJobs.withUpload(files, imp,
						file -> validator.validate(file, scope, (fraction, rows) -> {
							context.progress(fraction / 2);
							context.rows(rows);
						}));
				if (!outcome.valid()) {
					status.setRollbackOnly();
					return new Written(outcome, 0, 0);
				}
				Written w = write(outcome, context);
				audit.action("PERSON_IMPORT")
					.target("import", id)
					.region(RosterJobs.commonRegion(outcome.plans().stream().map(p -> p.person().regionCode()).toList()))
					.detail(imp.fileName() + ": rows " + outcome.rows() + ", created " + w.created() + ", updated " + w.updated())
					.after(PersonService.mapOf("file", imp.fileName(), "rows", outcome.rows(), "created", w.created(),
							"updated", w.updated(), "job", context.jobId()))
					.record();
				imports.committed(id);
				return w;
			});
		}
		catch (RuntimeException e) {
			imports.setState(id, RosterImport.State.VALID);
			throw e;
		}
		if (!java.util.Objects.requireNonNull(written).outcome().valid()) {
			RosterValidator.Outcome outcome = written.outcome();
			imports.validated(id, false, outcome.rows(), outcome.toCreate(), outcome.toUpdate(), outcome.errors());
			for (JobError e : outcome.errors()) {
				context.rowError(e.row(), e.column(), e.message(), e.args().toArray());
			}
			throw new JobFailedException("import.commit.invalid");
		}
		files.delete(imp.fileId());
		context.rows(written.created() + written.updated());
		context.message("import.committed");
	}

	/** The import must be committing for this job, or be taken over from a job that died, or still be valid (a re-run). */
	private void claim(RosterImport imp, long jobId) {
		if (imp.state() == RosterImport.State.COMMITTING) {
			if (imp.commitJobId() != null && imp.commitJobId() == jobId) {
				return;
			}
			boolean previousFailed = imp.commitJobId() == null || jobs.find(imp.commitJobId())
				.map(Job::state)
				.map(s -> s == JobState.FAILED)
				.orElse(true);
			if (previousFailed && imports.takeOverCommit(imp.id(), jobId, imp.commitJobId())) {
				return;
			}
		}
		else if (imp.state() == RosterImport.State.VALID && imports.claimCommit(imp.id(), jobId)) {
			return;
		}
		throw new JobFailedException(imp.state() == RosterImport.State.COMMITTED ? "import.gone" : "import.notCommittable");
	}

	private Written write(RosterValidator.Outcome outcome, JobContext context) {
		List<RosterValidator.Plan> plans = outcome.plans();
		int created = 0;
		int updated = 0;
		for (int i = 0; i < plans.size(); i++) {
			RosterValidator.Plan plan = plans.get(i);
			PersonService.Checked c = plan.person();
			long personId;
			Set<PostType> held = EnumSet.noneOf(PostType.class);
			if (plan.create()) {
				personId = people.insert(personService.toStored(0, c, 0));
				created++;
			}
			else {
				personId = plan.personId();
				if (!people.update(personService.toStored(personId, c, plan.version()))) {
					throw new ConflictException("person " + personId + " was changed meanwhile");
				}
				people.find(personId).ifPresent(p -> p.posts().stream().filter(Person.Post::current).forEach(a -> held.add(a.post())));
				updated++;
			}
			for (PostType post : plan.posts()) {
				if (held.contains(post)) {
					continue;
				}
				people.addPost(personId, post, c.regionCode(), post.anchor() == PostType.Anchor.GRID ? c.gridId() : null,
						post.anchor() == PostType.Anchor.UNIT ? c.unitId() : null, plan.postStart(), null);
			}
			context.progress(0.5 + 0.5 * (i + 1) / plans.size());
		}
		return new Written(outcome, created, updated);
	}
}
