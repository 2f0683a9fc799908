package cn.grassroots.org;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

	/**
	 * Up to {@code limit} (at most 100) people in the caller's scope whose name contains the text, in
	 * name order: a picker's suggestions (added for training's supervision teams).
	 */
	List<Person> findPeople(String name, int limit);

	/** Which of these people exist and lie in the caller's scope (ROSTER_READ); one read per thousand ids. */
	Set<Long> visiblePeople(Collection<Long> ids);

	/** A unit by id; units are reference data, readable by every module (added for measures). */
	Optional<UnitRef> unit(long id);

	/** A unit by its code. */
	Optional<UnitRef> unitByCode(String code);

	/** The units anchored exactly at a region, by code. */
	List<UnitRef> unitsAt(long regionCode);

	/** The units among these ids that exist, by id (one query). */
	Map<Long, UnitRef> units(Collection<Long> ids);

	/**
	 * Everyone in the caller's scope holding any of the posts on the day at or below the region,
	 * with the post's start date; one query (added for training's coverage and yearly hours).
	 */
	List<PostHolding> postHoldings(Collection<PostType> posts, long regionCode, java.time.LocalDate on);

	/** The codes of the regions at a level within a region's subtree, ascending (added for surveys' demo data). */
	List<Long> regionCodesAt(long withinCode, RegionLevel level);

	/**
	 * Adds people with their posts to the roster, all or nothing: every draft is validated as the
	 * roster import validates a row (and against the others: no ID number twice) and must lie in the
	 * caller's ROSTER_WRITE scope before any is written; each person and post is audited. Returns the
	 * new people's ids in the drafts' order; throws InvalidInputException with fields named
	 * {@code people[i].field}, or ForbiddenException (added for training's demo and make-up enrolments).
	 */
	List<Long> addPostHolders(List<PostHolderDraft> drafts);

	/**
	 * The children of a region that lie within another region's subtree (bounds bound in SQL), in
	 * code order; empty when the parent is outside it. The tree is public reference data, so no
	 * signed-in user is needed: surveys' public answering page offers them as a region picker
	 * limited to the distribution's region.
	 */
	List<Region> childrenWithin(long parentCode, long withinCode);

	/**
	 * A system task's read of the roster, without a signed-in user's scope: who holds any of the
	 * posts on the day at or below the region (names and regions only, no contact data). Every call
	 * is audited as {@code ROSTER_SYSTEM_READ} with the task named (the actor is the signed-in user,
	 * if any, otherwise {@code system}). For background work such as demo data; code answering a
	 * user's request must use the scoped {@link #postHoldings} (added for surveys' named demo links).
	 */
	List<PostHolding> postHoldingsForSystemTask(Collection<PostType> posts, long regionCode, java.time.LocalDate on,
			String task);
}
