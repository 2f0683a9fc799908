package cn.grassroots.platform.jobs;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Turns jobs and row errors into what the caller reads: message keys translated into their language. */
@Component
public class JobViews {

	private final MessageSource messages;

	JobViews(MessageSource messages) {
		this.messages = messages;
	}

	public JobBody body(Job job) {
		Locale locale = LocaleContextHolder.getLocale();
		return new JobBody(job.id(), job.kind(), kindName(job.kind()), job.state(), text(job.state().messageKey(), locale),
				job.progress(), job.rows(), job.errorCount(), errors(job.errors()),
				job.resultFileId() == null ? null : "/api/v1/files/" + job.resultFileId(),
				job.message() == null ? null : text(job.message(), locale), job.rerunOf(), job.createdAt(), job.startedAt(),
				job.finishedAt());
	}

	public List<JobBody.ErrorBody> errors(List<JobError> errors) {
		Locale locale = LocaleContextHolder.getLocale();
		return errors.stream().map(e -> new JobBody.ErrorBody(e.row(), e.column(), message(e, locale))).toList();
	}

	/** The kind's name (message key {@code job.kind.KIND}), or the kind itself. */
	public String kindName(String kind) {
		return messages.getMessage("job.kind." + kind, null, kind, LocaleContextHolder.getLocale());
	}

	public String message(JobError error) {
		return message(error, LocaleContextHolder.getLocale());
	}

	private String message(JobError e, Locale locale) {
		Object[] args = e.args().toArray();
		return messages.getMessage(e.message(), args.length == 0 ? null : args, e.message(), locale);
	}

	private String text(String keyOrText, Locale locale) {
		return messages.getMessage(keyOrText, null, keyOrText, locale);
	}
}
