package cn.grassroots.org.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.grassroots.org.OrgDirectory;
import cn.grassroots.org.Person;
import cn.grassroots.org.PostType;
import cn.grassroots.org.Region;
import cn.grassroots.org.UnitRef;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

@Service
class OrgDirectoryService implements OrgDirectory {

	private final RegionRepository regions;
	private final PersonRepository people;
	private final CurrentUser user;
	private final JdbcClient jdbc;
	private final PostHolders postHolders;
	private final AuditLog audit;

	OrgDirectoryService(RegionRepository regions, PersonRepository people, CurrentUser user, JdbcClient jdbc,
			PostHolders postHolders, AuditLog audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.postHolders = postHolders;
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

	@Override
	public List<Person> findPeople(String name, int limit) {
		if (name == null || name.isBlank()) {
			return List.of();
		}
		return people.list(user.scope(Permission.ROSTER_READ), new PersonRepository.Criteria(null, name.strip(), null, null,
				null, null), cn.grassroots.platform.PageRequest.of(0, Math.max(1, Math.min(limit, 100))), false).content();
	}

	@Override
	public Set<Long> visiblePeople(Collection<Long> ids) {
		var scope = user.scope(Permission.ROSTER_READ);
		Set<Long> visible = new HashSet<>();
		for (PersonRepository.Anchor a : people.anchors(ids)) {
			if (scope.permits(a.regionCode(), a.gridId(), a.unitId(), a.id())) {
				visible.add(a.id());
			}
		}
		return visible;
	}

	private static final String UNIT = "SELECT id, code, name, region_code FROM unit ";

	private static UnitRef unitRef(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new UnitRef(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getLong("region_code"));
	}

	@Override
	public Optional<UnitRef> unit(long id) {
		return jdbc.sql(UNIT + "WHERE id = :id").param("id", id).query(OrgDirectoryService::unitRef).optional();
	}

	@Override
	public Optional<UnitRef> unitByCode(String code) {
		return jdbc.sql(UNIT + "WHERE code = :code").param("code", code).query(OrgDirectoryService::unitRef).optional();
	}

	@Override
	public List<UnitRef> unitsAt(long regionCode) {
		return jdbc.sql(UNIT + "WHERE region_code = :r ORDER BY code").param("r", regionCode)
			.query(OrgDirectoryService::unitRef).list();
	}

	@Override
	public Map<Long, UnitRef> units(Collection<Long> ids) {
		Map<Long, UnitRef> found = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		List<Long> all = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
		for (int i = 0; i < all.size(); i += 1000) {
			jdbc.sql(UNIT + "WHERE id IN (:ids)").param("ids", all.subList(i, Math.min(all.size(), i + 1000)))
				.query(OrgDirectoryService::unitRef).list().forEach(u -> found.put(u.id(), u));
		}
		return found;
	}

	@Override
	public List<Long> regionCodesAt(long withinCode, cn.grassroots.org.RegionLevel level) {
		return jdbc.sql("SELECT code FROM region WHERE code BETWEEN :from AND :to AND level = :level ORDER BY code")
			.param("from", withinCode)
			.param("to", new RegionCode(withinCode).subtreeEnd())
			.param("level", level.name())
			.query(Long.class)
			.list();
	}

	@Override
	public List<Long> addPostHolders(List<cn.grassroots.org.PostHolderDraft> drafts) {
		return postHolders.add(drafts);
	}

	@Override
	public List<cn.grassroots.org.PostHolding> postHoldings(Collection<PostType> posts, long regionCode,
			java.time.LocalDate on) {
		return holdings(posts, regionCode, on, PersonRepository.PERSON_SCOPE.condition(user.scope(Permission.ROSTER_READ)));
	}

	@Override
	public List<cn.grassroots.org.PostHolding> postHoldingsForSystemTask(Collection<PostType> posts, long regionCode,
			java.time.LocalDate on, String task) {
		if (task == null || task.isBlank()) {
			throw new IllegalArgumentException("a system read of the roster names its task");
		}
		List<cn.grassroots.org.PostHolding> found = holdings(posts, regionCode, on,
				PersonRepository.PERSON_SCOPE.condition(cn.grassroots.platform.security.AccessScope.EVERYTHING));
		audit.action("ROSTER_SYSTEM_READ").target("region", regionCode).region(regionCode)
			.detail(task + ": " + found.size() + " post holders")
			.after(Map.of("task", task, "posts", posts.stream().map(Enum::name).sorted().toList(), "on", on.toString(),
					"holders", found.size()))
			.record();
		return found;
	}

	private List<cn.grassroots.org.PostHolding> holdings(Collection<PostType> posts, long regionCode,
			java.time.LocalDate on, cn.grassroots.platform.security.ScopeFilter.Condition scope) {
		if (posts.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT p.id, p.name, p.region_code AS person_region, a.post, a.region_code AS post_region,"
				+ " a.start_date FROM post_assignment a JOIN person p ON p.id = a.person_id"
				+ " WHERE a.post IN (:posts) AND a.region_code BETWEEN :from AND :to AND a.start_date <= :on"
				+ " AND (a.end_date IS NULL OR a.end_date >= :on) AND " + scope.sql()
				+ " ORDER BY p.region_code, p.name, p.id, a.post")
			.params(scope.params())
			.param("posts", posts.stream().map(Enum::name).distinct().toList())
			.param("from", regionCode)
			.param("to", new RegionCode(regionCode).subtreeEnd())
			.param("on", on)
			.query((rs, n) -> new cn.grassroots.org.PostHolding(rs.getLong("id"), rs.getString("name"),
					rs.getLong("person_region"), PostType.valueOf(rs.getString("post")), rs.getLong("post_region"),
					rs.getDate("start_date").toLocalDate()))
			.list();
	}

	@Override
	public List<Region> childrenWithin(long parentCode, long withinCode) {
		RegionCode within = new RegionCode(withinCode);
		if (parentCode < withinCode || parentCode > within.subtreeEnd()) {
			return List.of();
		}
		return regions.childrenWithin(parentCode, withinCode, within.subtreeEnd());
	}
}
