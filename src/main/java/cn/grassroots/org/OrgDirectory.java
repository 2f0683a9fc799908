package cn.grassroots.org;

import java.util.List;
import java.util.Optional;

/**
 * What other modules may ask of org. Every answer about people is filtered by the caller's
 * scope (ROSTER_READ); the tree itself is public reference data.
 */
public interface OrgDirectory {

	/** A region by its short or 12-digit code. */
	Optional<Region> region(String code);

	Optional<Region> region(long code);

	/** People in the caller's scope currently holding the post at or below the region. */
	List<Person> holdersOf(PostType post, long regionCode);

	/** A person, if the caller's scope reaches them. */
	Optional<Person> person(long id);
}
