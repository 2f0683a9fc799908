package cn.grassroots.training;

import java.time.LocalDate;
import java.util.List;

/**
 * A seminar group's achievement-conversion list (成果转化清单) was adopted and will not change
 * again; its items follow the trainees home (照单落实) as measures.
 *
 * @param sponsorRegionCode the 12-digit code of the programme sponsor's region
 */
public record ActionListAdopted(long listId, long programmeId, long sponsorRegionCode, List<Item> items) {

	public ActionListAdopted {
		items = List.copyOf(items);
	}

	/** One concrete measure of the list, owned by a trainee for their community. */
	public record Item(long itemId, String title, long ownerPersonId, long communityCode, LocalDate deadline,
			String expectedResult) {
	}
}
