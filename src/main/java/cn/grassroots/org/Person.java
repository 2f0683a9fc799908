package cn.grassroots.org;

import java.time.LocalDate;
import java.util.List;

/** A person in the roster as shown to someone in scope: phone and ID number masked. */
public record Person(long id, String name, Gender gender, LocalDate birthDate, String phone, String idNumber,
		boolean partyMember, long regionCode, String regionPath, Long gridId, String gridName, Long unitId,
		String unitName, List<Post> posts, int version) {

	/** The name of the person's own region, the last of its path. */
	public String regionName() {
		return Region.lastName(regionPath);
	}

	/** A post held by the person. */
	public record Post(long id, PostType post, long regionCode, Long gridId, Long unitId, LocalDate startDate,
			LocalDate endDate) {

		public boolean current() {
			LocalDate today = LocalDate.now();
			return !startDate.isAfter(today) && (endDate == null || !endDate.isBefore(today));
		}
	}
}
