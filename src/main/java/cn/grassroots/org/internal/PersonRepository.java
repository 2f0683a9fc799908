package cn.grassroots.org.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.grassroots.org.Gender;
import cn.grassroots.org.Person;
import cn.grassroots.org.PostType;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.SortKeys;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.Sql;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.ScopeFilter;

/** People and their posts. Every read takes the caller's scope and filters in SQL. */
@Repository
public class PersonRepository {

	/** The scope's anchor columns on the person table. */
	static final ScopeFilter PERSON_SCOPE = ScopeFilter.onRegion("p.region_code").grid("p.grid_id").unit("p.unit_id").person("p.id");

	/**
	 * For lists of many people the region condition is written as an expression, so that neither
	 * database walks the region index and sorts the whole subtree: both then read the name index in
	 * order and stop after one page (H2 would otherwise sort a province's million rows).
	 */
	private static final String BROAD_REGION_COLUMN = "(p.region_code + 0)";
	private static final ScopeFilter BROAD_PERSON_SCOPE = ScopeFilter.onRegion(BROAD_REGION_COLUMN).grid("p.grid_id")
		.unit("p.unit_id").person("p.id");
	private volatile long broadList = 5_000;

	private static final String SELECT = """
			SELECT p.id, p.name, p.gender, p.birth_date, p.phone_masked, p.id_number_masked, p.party_member,
			       p.region_code, r.path AS region_path, p.grid_id, gv.name AS grid_name, p.unit_id, u.name AS unit_name, p.version
			FROM person p
			JOIN region r ON r.code = p.region_code
			LEFT JOIN unit u ON u.id = p.unit_id
			LEFT JOIN grid_version gv ON gv.grid_id = p.grid_id AND gv.valid_to IS NULL
			""";

	/** The roster list's sort keys; by name unless asked otherwise. */
	public static final SortKeys SORT = SortKeys.tiebreaker("p.id")
		.key("name", "p.name")
		.nullableKey("gender", "p.gender")
		.nullableKey("birthDate", "p.birth_date")
		.key("region", "p.region_code")
		.key("partyMember", "p.party_member")
		.build();

	/** Filters for the roster list. */
	public record Criteria(Long regionCode, String name, PostType post, Boolean partyMember, Long unitId, Long gridId) {
	}

	/** The stored row, with the ciphertexts, for updates and reveals. */
	public record Stored(long id, String name, Gender gender, LocalDate birthDate, String phoneCipher, String phoneMasked,
			String idNumberCipher, String idNumberHash, String idNumberMasked, boolean partyMember, long regionCode,
			Long gridId, Long unitId, int version) {
	}

	private final JdbcClient jdbc;

	PersonRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public PageResult<Person> list(AccessScope scope, Criteria criteria, PageRequest page, boolean withTotal) {
		return list(scope, criteria, SORT.defaultOrder(), page, withTotal);
	}

	/** From how many people on a list the broad form of the query is used (tests lower it). */
	void broadListThreshold(long people) {
		this.broadList = people;
	}

	/** A page of the roster in the given order; the total comes from person_count when the question allows. */
	public PageResult<Person> list(AccessScope scope, Criteria criteria, SortOrder sort, PageRequest page,
			boolean withTotal) {
		Optional<Long> fast = withTotal ? fastTotal(scope, criteria) : Optional.empty();
		boolean broad = fast.isPresent() && fast.get() >= broadList;
		ScopeFilter.Condition condition = (broad ? BROAD_PERSON_SCOPE : PERSON_SCOPE).condition(scope);
		StringBuilder where = new StringBuilder(" WHERE ").append(condition.sql());
		Map<String, Object> params = new HashMap<>(condition.params());
		appendCriteria(criteria, where, params, broad ? BROAD_REGION_COLUMN : "p.region_code");
		List<Person> rows = jdbc.sql(SELECT + where + " ORDER BY " + SORT.orderBy(sort) + " LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(PersonRepository::map)
			.list();
		rows = withPosts(rows);
		long total = !withTotal ? -1 : fast
			.orElseGet(() -> jdbc.sql("SELECT COUNT(*) FROM person p" + where).params(params).query(Long.class).single());
		return PageResult.of(rows, page, total < 0 ? rows.size() : total);
	}

	private static void appendCriteria(Criteria c, StringBuilder where, Map<String, Object> params) {
		appendCriteria(c, where, params, "p.region_code");
	}

	private static void appendCriteria(Criteria c, StringBuilder where, Map<String, Object> params, String regionColumn) {
		if (c.regionCode() != null) {
			where.append(" AND ").append(regionColumn).append(" BETWEEN :regionFrom AND :regionTo");
			params.put("regionFrom", c.regionCode());
			params.put("regionTo", new RegionCode(c.regionCode()).subtreeEnd());
		}
		if (c.name() != null && !c.name().isBlank()) {
			where.append(" AND p.name LIKE :name ESCAPE '\\'");
			params.put("name", Sql.likeContains(c.name().trim()));
		}
		if (c.partyMember() != null) {
			where.append(" AND p.party_member = :partyMember");
			params.put("partyMember", c.partyMember());
		}
		if (c.unitId() != null) {
			where.append(" AND p.unit_id = :unitId");
			params.put("unitId", c.unitId());
		}
		if (c.gridId() != null) {
			where.append(" AND p.grid_id = :gridId");
			params.put("gridId", c.gridId());
		}
		if (c.post() != null) {
			where.append(" AND EXISTS (SELECT 1 FROM post_assignment a WHERE a.person_id = p.id AND a.post = :post"
					+ " AND a.start_date <= :today AND (a.end_date IS NULL OR a.end_date >= :today))");
			params.put("post", c.post().name());
			params.put("today", LocalDate.now());
		}
	}

	/**
	 * Every person matching the criteria inside the scope, with their posts, in name order, for
	 * exports. Reads in batches (keyset on name and id), so neither a cursor nor the whole result
	 * is held while the consumer works.
	 */
	public void forEach(AccessScope scope, Criteria criteria, java.util.function.Consumer<Person> consumer) {
		ScopeFilter.Condition condition = PERSON_SCOPE.condition(scope);
		StringBuilder where = new StringBuilder(" WHERE ").append(condition.sql());
		Map<String, Object> params = new HashMap<>(condition.params());
		appendCriteria(criteria, where, params);
		String first = SELECT + where + " ORDER BY p.name, p.id LIMIT :limit";
		String next = SELECT + where + " AND (p.name > :lastName OR (p.name = :lastName AND p.id > :lastId))"
				+ " ORDER BY p.name, p.id LIMIT :limit";
		List<Person> batch = jdbc.sql(first).params(params).param("limit", BATCH).query(PersonRepository::map).list();
		while (!batch.isEmpty()) {
			withPosts(batch).forEach(consumer);
			if (batch.size() < BATCH) {
				return;
			}
			Person last = batch.get(batch.size() - 1);
			batch = jdbc.sql(next)
				.params(params)
				.param("lastName", last.name())
				.param("lastId", last.id())
				.param("limit", BATCH)
				.query(PersonRepository::map)
				.list();
		}
	}

	private static final int BATCH = 500;

	/** How many people match the criteria inside the scope. */
	public long count(AccessScope scope, Criteria criteria) {
		ScopeFilter.Condition condition = PERSON_SCOPE.condition(scope);
		StringBuilder where = new StringBuilder(" WHERE ").append(condition.sql());
		Map<String, Object> params = new HashMap<>(condition.params());
		appendCriteria(criteria, where, params);
		return jdbc.sql("SELECT COUNT(*) FROM person p" + where).params(params).query(Long.class).single();
	}

	public Optional<Person> find(long id) {
		return jdbc.sql(SELECT + " WHERE p.id = :id").param("id", id).query(PersonRepository::map).optional()
			.map(p -> withPosts(List.of(p)).get(0));
	}

	/** Where a person hangs: what a scope check needs. */
	record Anchor(long id, long regionCode, Long gridId, Long unitId) {
	}

	List<Anchor> anchors(Collection<Long> ids) {
		List<Long> all = List.copyOf(new LinkedHashSet<>(ids));
		List<Anchor> anchors = new ArrayList<>(all.size());
		for (int from = 0; from < all.size(); from += 1000) {
			anchors.addAll(jdbc.sql("SELECT id, region_code, grid_id, unit_id FROM person WHERE id IN (:ids)")
				.param("ids", all.subList(from, Math.min(all.size(), from + 1000)))
				.query((rs, n) -> new Anchor(rs.getLong("id"), rs.getLong("region_code"), Sql.nullableLong(rs, "grid_id"),
						Sql.nullableLong(rs, "unit_id")))
				.list());
		}
		return anchors;
	}

	public Optional<Stored> stored(long id) {
		return jdbc.sql("""
				SELECT id, name, gender, birth_date, phone_cipher, phone_masked, id_number_cipher, id_number_hash,
				       id_number_masked, party_member, region_code, grid_id, unit_id, version
				FROM person WHERE id = :id""")
			.param("id", id)
			.query((rs, n) -> new Stored(rs.getLong("id"), rs.getString("name"), gender(rs.getString("gender")),
					Sql.date(rs, "birth_date"), rs.getString("phone_cipher"), rs.getString("phone_masked"),
					rs.getString("id_number_cipher"), rs.getString("id_number_hash"), rs.getString("id_number_masked"),
					rs.getBoolean("party_member"), rs.getLong("region_code"), Sql.nullableLong(rs, "grid_id"),
					Sql.nullableLong(rs, "unit_id"), rs.getInt("version")))
			.optional();
	}

	public Optional<Long> findIdByIdNumberHash(String hash) {
		return jdbc.sql("SELECT id FROM person WHERE id_number_hash = :h").param("h", hash).query(Long.class).optional();
	}

	/** Of the given hashes, those already in the roster, with the person they belong to. */
	public Map<String, Long> idsByIdNumberHashes(List<String> hashes) {
		Map<String, Long> found = new HashMap<>();
		for (int i = 0; i < hashes.size(); i += 500) {
			jdbc.sql("SELECT id_number_hash, id FROM person WHERE id_number_hash IN (:h)")
				.param("h", hashes.subList(i, Math.min(hashes.size(), i + 500)))
				.query((rs, n) -> found.put(rs.getString(1), rs.getLong(2)))
				.list();
		}
		return found;
	}

	public long insert(Stored p) {
		adjustCount(p.regionCode(), 1);
		return Sql.insert(jdbc.sql("""
				INSERT INTO person (name, gender, birth_date, phone_cipher, phone_masked, id_number_cipher, id_number_hash,
				    id_number_masked, party_member, region_code, grid_id, unit_id, created_at, updated_at, version)
				VALUES (:name, :gender, :birth, :phoneCipher, :phoneMasked, :idCipher, :idHash, :idMasked, :party, :region,
				    :grid, :unit, :now, :now, 0)""").params(params(p)));
	}

	/** Updates unless someone else changed the row meanwhile; returns whether it was written. */
	public boolean update(Stored p) {
		Optional<Long> before = jdbc.sql("SELECT region_code FROM person WHERE id = :id AND version = :v")
			.param("id", p.id())
			.param("v", p.version())
			.query(Long.class)
			.optional();
		if (before.isPresent() && before.get() != p.regionCode()) {
			adjustCount(before.get(), -1);
			adjustCount(p.regionCode(), 1);
		}
		return jdbc.sql("""
				UPDATE person SET name = :name, gender = :gender, birth_date = :birth, phone_cipher = :phoneCipher,
				    phone_masked = :phoneMasked, id_number_cipher = :idCipher, id_number_hash = :idHash,
				    id_number_masked = :idMasked, party_member = :party, region_code = :region, grid_id = :grid,
				    unit_id = :unit, updated_at = :now, version = version + 1
				WHERE id = :id AND version = :version""").params(params(p)).update() == 1;
	}

	/** Keeps person_count in step with the roster, the region's own count and its ancestors' subtree counts. */
	private void adjustCount(long regionCode, int delta) {
		jdbc.sql("""
				UPDATE person_count SET people = people + CASE WHEN region_code = :r THEN :d ELSE 0 END,
				    people_below = people_below + :d
				WHERE region_code IN (:codes)""")
			.param("d", delta)
			.param("r", regionCode)
			.param("codes", new RegionCode(regionCode).selfAndAncestors())
			.update();
	}

	/**
	 * The total for a list whose only filter is a region and whose scope is made of region ranges
	 * (the common case of an officer browsing their area): a sum over person_count. Empty when the
	 * question is of another shape and needs a real count.
	 */
	Optional<Long> fastTotal(AccessScope scope, Criteria c) {
		boolean regionOnly = (c.name() == null || c.name().isBlank()) && c.post() == null && c.partyMember() == null
				&& c.unitId() == null && c.gridId() == null;
		if (!regionOnly || !scope.gridIds().isEmpty() || !scope.unitIds().isEmpty()) {
			return Optional.empty();
		}
		AccessScope.Range filter = c.regionCode() == null ? new AccessScope.Range(0, Long.MAX_VALUE)
				: AccessScope.Range.of(c.regionCode());
		List<AccessScope.Range> ranges = new ArrayList<>();
		for (AccessScope.Range r : scope.all() ? List.of(filter) : scope.regionRanges()) {
			long from = Math.max(r.from(), filter.from());
			long to = Math.min(r.to(), filter.to());
			if (from <= to) {
				ranges.add(new AccessScope.Range(from, to));
			}
		}
		long total = 0;
		// a range that is exactly a region's subtree is that region's rolled-up row; only the
		// whole-country range of an unfiltered ALL scope is left to sum
		List<Long> subtrees = new ArrayList<>();
		List<AccessScope.Range> others = new ArrayList<>();
		for (AccessScope.Range r : ranges) {
			if (isSubtree(r)) {
				subtrees.add(r.from());
			}
			else {
				others.add(r);
			}
		}
		if (!subtrees.isEmpty()) {
			total += jdbc.sql("SELECT COALESCE(SUM(people_below), 0) FROM person_count WHERE region_code IN (:codes)")
				.param("codes", subtrees)
				.query(Long.class)
				.single();
		}
		if (!others.isEmpty()) {
			StringBuilder where = new StringBuilder();
			Map<String, Object> params = new HashMap<>();
			for (int i = 0; i < others.size(); i++) {
				where.append(i == 0 ? "" : " OR ").append("region_code BETWEEN :f").append(i).append(" AND :t").append(i);
				params.put("f" + i, others.get(i).from());
				params.put("t" + i, others.get(i).to());
			}
			total += jdbc.sql("SELECT COALESCE(SUM(people), 0) FROM person_count WHERE " + where)
				.params(params)
				.query(Long.class)
				.single();
		}
		if (!scope.all() && scope.selfPersonId() != null) {
			// the account's own record counts once more when no region range already holds it
			Optional<Long> own = jdbc.sql("SELECT region_code FROM person WHERE id = :id")
				.param("id", scope.selfPersonId())
				.query(Long.class)
				.optional();
			if (own.isPresent() && filter.contains(own.get()) && ranges.stream().noneMatch(r -> r.contains(own.get()))) {
				total++;
			}
		}
		return Optional.of(total);
	}

	private static boolean isSubtree(AccessScope.Range r) {
		return r.from() >= 100_000_000_000L && r.from() <= 999_999_999_999L
				&& AccessScope.Range.of(r.from()).equals(r);
	}

	private static Map<String, Object> params(Stored p) {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("id", p.id());
		m.put("name", p.name());
		m.put("gender", p.gender() == null ? null : p.gender().name());
		m.put("birth", p.birthDate());
		m.put("phoneCipher", p.phoneCipher());
		m.put("phoneMasked", p.phoneMasked());
		m.put("idCipher", p.idNumberCipher());
		m.put("idHash", p.idNumberHash());
		m.put("idMasked", p.idNumberMasked());
		m.put("party", p.partyMember());
		m.put("region", p.regionCode());
		m.put("grid", p.gridId());
		m.put("unit", p.unitId());
		m.put("version", p.version());
		m.put("now", Sql.now());
		return m;
	}

	public long addPost(long personId, PostType post, long regionCode, Long gridId, Long unitId, LocalDate start, LocalDate end) {
		return Sql.insert(jdbc.sql("""
				INSERT INTO post_assignment (person_id, post, region_code, grid_id, unit_id, start_date, end_date, created_at)
				VALUES (:p, :post, :region, :grid, :unit, :start, :end, :now)""")
			.param("p", personId)
			.param("post", post.name())
			.param("region", regionCode)
			.param("grid", gridId)
			.param("unit", unitId)
			.param("start", start)
			.param("end", end)
			.param("now", Sql.now()));
	}

	public int endPost(long postId, long personId, LocalDate end) {
		return jdbc.sql("UPDATE post_assignment SET end_date = :end WHERE id = :id AND person_id = :p")
			.param("end", end)
			.param("id", postId)
			.param("p", personId)
			.update();
	}

	/** Current holders of a post at or below a region, inside the caller's scope. */
	public List<Person> holders(AccessScope scope, PostType post, long regionCode) {
		ScopeFilter.Condition condition = PERSON_SCOPE.condition(scope);
		List<Person> rows = jdbc.sql(SELECT + " WHERE " + condition.sql() + """
				 AND EXISTS (SELECT 1 FROM post_assignment a WHERE a.person_id = p.id AND a.post = :post
				   AND a.region_code BETWEEN :from AND :to AND a.start_date <= :today
				   AND (a.end_date IS NULL OR a.end_date >= :today))
				ORDER BY p.region_code, p.name, p.id""")
			.params(condition.params())
			.param("post", post.name())
			.param("from", regionCode)
			.param("to", new RegionCode(regionCode).subtreeEnd())
			.param("today", LocalDate.now())
			.query(PersonRepository::map)
			.list();
		return withPosts(rows);
	}

	private List<Person> withPosts(List<Person> people) {
		if (people.isEmpty()) {
			return people;
		}
		Map<Long, List<Person.Post>> posts = new HashMap<>();
		jdbc.sql("""
				SELECT id, person_id, post, region_code, grid_id, unit_id, start_date, end_date FROM post_assignment
				WHERE person_id IN (:ids) ORDER BY start_date, id""")
			.param("ids", people.stream().map(Person::id).toList())
			.query((rs, n) -> posts.computeIfAbsent(rs.getLong("person_id"), k -> new ArrayList<>())
				.add(new Person.Post(rs.getLong("id"), PostType.valueOf(rs.getString("post")), rs.getLong("region_code"),
						Sql.nullableLong(rs, "grid_id"), Sql.nullableLong(rs, "unit_id"), Sql.date(rs, "start_date"),
						Sql.date(rs, "end_date"))))
			.list();
		return people.stream()
			.map(p -> new Person(p.id(), p.name(), p.gender(), p.birthDate(), p.phone(), p.idNumber(), p.partyMember(),
					p.regionCode(), p.regionPath(), p.gridId(), p.gridName(), p.unitId(), p.unitName(),
					posts.getOrDefault(p.id(), List.of()), p.version()))
			.toList();
	}

	public long count() {
		return jdbc.sql("SELECT COUNT(*) FROM person").query(Long.class).single();
	}

	private static Gender gender(String g) {
		return g == null ? null : Gender.valueOf(g);
	}

	static Person map(ResultSet rs, int n) throws SQLException {
		return new Person(rs.getLong("id"), rs.getString("name"), gender(rs.getString("gender")), Sql.date(rs, "birth_date"),
				rs.getString("phone_masked"), rs.getString("id_number_masked"), rs.getBoolean("party_member"),
				rs.getLong("region_code"), rs.getString("region_path"), Sql.nullableLong(rs, "grid_id"),
				rs.getString("grid_name"), Sql.nullableLong(rs, "unit_id"), rs.getString("unit_name"), List.of(),
				rs.getInt("version"));
	}
}
