package cn.grassroots.platform;

/** A 0-based page of at most 100 rows. */
public record PageRequest(int page, int size) {

	public static final int MAX_SIZE = 100;
	public static final int DEFAULT_SIZE = 20;

	public PageRequest {
		if (page < 0) {
			throw InvalidInputException.of("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw InvalidInputException.of("size", "must be between 1 and " + MAX_SIZE);
		}
	}

	public static PageRequest of(Integer page, Integer size) {
		return new PageRequest(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
	}

	public long offset() {
		return (long) page * size;
	}
}
