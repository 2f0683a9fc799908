package cn.grassroots.platform.jobs;

import java.util.List;

/**
 * One problem with one row of a job's input. {@code message} is a message key (or plain text);
 * {@code args} fill its placeholders. Row 0 means the file as a whole.
 */
public record JobError(long row, String column, String message, List<String> args) {

	public JobError {
		args = args == null ? List.of() : List.copyOf(args);
	}

	public static JobError of(long row, String column, String message, Object... args) {
		return new JobError(row, column, message,
				args == null ? List.of() : java.util.Arrays.stream(args).map(String::valueOf).toList());
	}
}
