package cn.grassroots.platform;

/** The request clashes with the current state (a duplicate, a stale version, an unmet condition): 409. */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}
}
