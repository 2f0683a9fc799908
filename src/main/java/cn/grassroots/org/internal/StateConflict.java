package cn.grassroots.org.internal;

import cn.grassroots.platform.ConflictException;

/**
 * A structure change that clashes with the record's state (a retired grid, a worker already
 * ended): 409. Carries a message key so the pages can show it in the user's language; the API
 * shows the English text.
 */
public class StateConflict extends ConflictException {

	private final String key;

	public StateConflict(String key, String message) {
		super(message);
		this.key = key;
	}

	/** The message key, for the pages. */
	public String key() {
		return key;
	}
}
