package cn.grassroots.org.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.org.PostType;
import cn.grassroots.org.Region;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

@Service
class OrgDirectoryService implements OrgDirectory {

	private final RegionRepository regions;
	private final PersonRepository people;
	private final CurrentUser user;

	OrgDirectoryService(RegionRepository regions, PersonRepository people, CurrentUser user) {
		this.regions = regions;
		this.people = people;
		this.user = user;
	}

	@Override
	public Optional<Region> region(String code) {
		return RegionCode.isValid(code) ? regions.find(RegionCode.parse(code).value()) : Optional.empty();
	}

	@Override
	public Optional<Region> region(long code) {
		return regions.find(code);
	}

	@Override
	public List<Person> holdersOf(PostType post, long regionCode) {
		return people.holders(user.scope(Permission.ROSTER_READ), post, regionCode);
	}

	@Override
	public Optional<Person> person(long id) {
		return people.find(id)
			.filter(p -> user.scope(Permission.ROSTER_READ).permits(p.regionCode(), p.gridId(), p.unitId(), p.id()));
	}
}
