package cn.grassroots.org;

import java.time.LocalDate;

/**
 * One post held by one person on a day: who (with the person's own region) and since when. A
 * person holding two of the asked posts appears once per post.
 */
public record PostHolding(long personId, String personName, long personRegionCode, PostType post, long postRegionCode,
		LocalDate startDate) {
}
