package cn.grassroots.org.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.Gender;
import cn.grassroots.org.IdNumbers;
import cn.grassroots.org.Person;
import cn.grassroots.org.PersonDraft;
import cn.grassroots.org.PostType;
import cn.grassroots.platform.ConflictException;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.crypto.FieldCipher;
import cn.grassroots.platform.crypto.Masking;
import cn.grassroots.platform.security.AccessScope;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.security.ScopeTopology;

/** The roster: validation, scope checks, encryption of phones and ID numbers, audit. */
@Service
public class PersonService {

	private static final Pattern PHONE = Pattern.compile("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$");

	/** A draft that passed validation, with its sensitive fields prepared for storage. */
	public record Checked(String name, Gender gender, LocalDate birthDate, String phone, String idNumber,
			String idNumberHash, boolean partyMember, long regionCode, Long gridId, Long unitId) {
	}

	/** Phone and ID number in clear, for one reveal. */
	public record Revealed(long id, String phone, String idNumber) {
	}

	private final PersonRepository people;
	private final RegionRepository regions;
	private final CurrentUser user;
	private final FieldCipher cipher;
	private final AuditLog audit;
	private final ScopeTopology topology;
	private final AccountStore accounts;

	PersonService(PersonRepository people, RegionRepository regions, CurrentUser user, FieldCipher cipher, AuditLog audit,
			ScopeTopology topology, AccountStore accounts) {
		this.people = people;
		this.regions = regions;
		this.user = user;
		this.cipher = cipher;
		this.audit = audit;
		this.topology = topology;
		this.accounts = accounts;
	}

	/** People in the caller's scope; a region filter that lies wholly outside the scope is refused. */
	public PageResult<Person> list(PersonRepository.Criteria criteria, PageRequest page) {
		return list(criteria, PersonRepository.SORT.defaultOrder(), page);
	}

	/** People in the caller's scope in the given order; a region filter that lies wholly outside the scope is refused. */
	public PageResult<Person> list(PersonRepository.Criteria criteria, SortOrder sort, PageRequest page) {
		AccessScope scope = user.scope(Permission.ROSTER_READ);
		if (criteria.regionCode() != null) {
			regions.find(criteria.regionCode()).orElseThrow(() -> new NotFoundException("no region " + criteria.regionCode()));
			if (!touches(scope, criteria.regionCode())) {
				throw new ForbiddenException("region " + criteria.regionCode() + " is outside your scope");
			}
		}
		return people.list(scope, criteria, sort, page, true);
	}

	/** Whether any row the scope reaches can lie at or below the region. */
	public boolean touches(AccessScope scope, long regionCode) {
		if (scope.overlapsRegion(regionCode)) {
			return true;
		}
		AccessScope.Range range = AccessScope.Range.of(regionCode);
		return scope.gridIds().stream().map(topology::gridRegion).flatMap(Optional::stream).anyMatch(range::contains)
				|| scope.unitIds().stream().map(topology::unitRegion).flatMap(Optional::stream).anyMatch(range::contains)
				|| (scope.selfPersonId() != null && people.stored(scope.selfPersonId())
					.map(p -> range.contains(p.regionCode()))
					.orElse(false));
	}

	public Person get(long id) {
		PersonRepository.Stored stored = people.stored(id).orElseThrow(() -> new NotFoundException("no person " + id));
		user.requireRow(Permission.ROSTER_READ, stored.regionCode(), stored.gridId(), stored.unitId(), stored.id());
		return people.find(id).orElseThrow();
	}

	@Transactional
	public Person create(PersonDraft draft) {
		Checked c = check(draft, null);
		requireWritable(c.regionCode(), c.gridId(), c.unitId());
		long id = people.insert(toStored(0, c, 0));
		audit.action("PERSON_CREATE").target("person", id).region(c.regionCode()).after(snapshot(c)).record();
		return people.find(id).orElseThrow();
	}

	@Transactional
	public Person update(long id, PersonDraft draft, Integer expectedVersion) {
		PersonRepository.Stored before = people.stored(id).orElseThrow(() -> new NotFoundException("no person " + id));
		requireWritable(before.regionCode(), before.gridId(), before.unitId());
		// Phones and ID numbers are shown masked, so a blank or masked value means "keep what is stored".
		PersonDraft effective = new PersonDraft(draft.name(), draft.gender(), draft.birthDate(),
				keep(draft.phone()) ? cipher.decrypt(before.phoneCipher()) : draft.phone(),
				keep(draft.idNumber()) ? cipher.decrypt(before.idNumberCipher()) : draft.idNumber(), draft.partyMember(),
				draft.regionCode(), draft.gridId(), draft.unitId());
		Checked c = check(effective, id);
		requireWritable(c.regionCode(), c.gridId(), c.unitId());
		int version = expectedVersion == null ? before.version() : expectedVersion;
		if (!people.update(toStored(id, c, version))) {
			throw new ConflictException("the person was changed by someone else; reload and try again");
		}
		audit.action("PERSON_UPDATE").target("person", id).region(c.regionCode()).before(snapshot(before)).after(snapshot(c)).record();
		if (before.regionCode() != c.regionCode()) {
			// the person's accounts are administered where the person now is
			accounts.updateHomeRegionOfPerson(id, c.regionCode());
		}
		return people.find(id).orElseThrow();
	}

	private static boolean keep(String value) {
		return value == null || value.isBlank() || value.contains("*");
	}

	/** Shows one person's phone and ID number in full; every reveal is audited. */
	@Transactional
	public Revealed reveal(long id) {
		PersonRepository.Stored stored = people.stored(id).orElseThrow(() -> new NotFoundException("no person " + id));
		user.requireRow(Permission.ROSTER_REVEAL, stored.regionCode(), stored.gridId(), stored.unitId(), null);
		audit.action("PERSON_REVEAL").target("person", id).region(stored.regionCode()).detail("phone, idNumber").record();
		return new Revealed(id, cipher.decrypt(stored.phoneCipher()), cipher.decrypt(stored.idNumberCipher()));
	}

	@Transactional
	public Person addPost(long personId, PostType post, String regionCodeText, Long gridId, Long unitId, LocalDate start,
			LocalDate end) {
		PersonRepository.Stored stored = people.stored(personId).orElseThrow(() -> new NotFoundException("no person " + personId));
		requireWritable(stored.regionCode(), stored.gridId(), stored.unitId());
		List<FieldError> errors = new ArrayList<>();
		Long region = null;
		if (post == null) {
			errors.add(new FieldError("post", "validation.required"));
		}
		if (gridId != null) {
			region = topology.gridRegion(gridId).orElse(null);
			if (region == null) {
				errors.add(new FieldError("gridId", "grid.notFound"));
			}
		}
		else if (unitId != null && (regionCodeText == null || regionCodeText.isBlank())) {
			region = topology.unitRegion(unitId).orElse(null);
			if (region == null) {
				errors.add(new FieldError("unitId", "unit.notFound"));
			}
		}
		else {
			region = regionOf(regionCodeText, "regionCode", errors);
		}
		if (unitId != null && (gridId != null || (regionCodeText != null && !regionCodeText.isBlank()))
				&& topology.unitRegion(unitId).isEmpty()) {
			// a unit named beside a grid or region must exist too: it is stored with the post
			errors.add(new FieldError("unitId", "unit.notFound"));
		}
		if (post != null && post.anchor() == PostType.Anchor.GRID && gridId == null) {
			errors.add(new FieldError("gridId", "validation.required"));
		}
		if (post != null && post.anchor() == PostType.Anchor.UNIT && unitId == null) {
			errors.add(new FieldError("unitId", "validation.required"));
		}
		LocalDate from = start == null ? LocalDate.now() : start;
		if (end != null && end.isBefore(from)) {
			errors.add(new FieldError("endDate", "validation.endBeforeStart"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		requireWritable(region, gridId, unitId);
		long postId = people.addPost(personId, post, region, gridId, unitId, from, end);
		audit.action("POST_ASSIGN").target("person", personId).region(region)
			.after(mapOf("postId", postId, "post", post.name(), "regionCode", region, "gridId", gridId, "unitId", unitId,
					"startDate", from, "endDate", end))
			.record();
		return people.find(personId).orElseThrow();
	}

	@Transactional
	public Person endPost(long personId, long postId, LocalDate end) {
		PersonRepository.Stored stored = people.stored(personId).orElseThrow(() -> new NotFoundException("no person " + personId));
		requireWritable(stored.regionCode(), stored.gridId(), stored.unitId());
		LocalDate on = end == null ? LocalDate.now() : end;
		if (people.endPost(postId, personId, on) == 0) {
			throw new NotFoundException("no post " + postId + " for person " + personId);
		}
		audit.action("POST_END").target("person", personId).region(stored.regionCode())
			.after(mapOf("postId", postId, "endDate", on)).record();
		return people.find(personId).orElseThrow();
	}

	void requireWritable(Long regionCode, Long gridId, Long unitId) {
		AccessScope scope = user.scope(Permission.ROSTER_WRITE);
		boolean ok = scope.all() || (regionCode != null && scope.reachesRegion(regionCode))
				|| (gridId != null && scope.gridIds().contains(gridId)) || (unitId != null && scope.unitIds().contains(unitId));
		if (!ok) {
			throw new ForbiddenException("the person is outside your scope");
		}
	}

	/** Validates and normalises a draft; {@code selfId} is the person being edited, if any. */
	public Checked check(PersonDraft d, Long selfId) {
		List<FieldError> errors = new ArrayList<>();
		Optional<Checked> checked = check(d, selfId, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return checked.orElseThrow();
	}

	/** Collects every problem of the draft instead of stopping at the first (imports report them all). */
	public Optional<Checked> check(PersonDraft d, Long selfId, List<FieldError> errors) {
		int before = errors.size();
		String name = d.name() == null ? "" : d.name().trim();
		if (name.isEmpty()) {
			errors.add(new FieldError("name", "validation.required"));
		}
		else if (name.length() > 50) {
			errors.add(new FieldError("name", "validation.tooLong"));
		}
		Gender gender = d.gender();
		LocalDate birth = d.birthDate();
		String idNumber = IdNumbers.normalise(d.idNumber()).orElse(null);
		String idHash = null;
		if (idNumber != null) {
			Optional<String> problem = IdNumbers.problem(idNumber);
			if (problem.isPresent()) {
				errors.add(new FieldError("idNumber", problem.get()));
			}
			else {
				gender = IdNumbers.gender(idNumber);
				birth = IdNumbers.birthDate(idNumber);
				idHash = cipher.blindIndex(idNumber);
				Optional<Long> holder = people.findIdByIdNumberHash(idHash);
				if (holder.isPresent() && !holder.get().equals(selfId)) {
					errors.add(new FieldError("idNumber", "person.idNumber.duplicate"));
				}
			}
		}
		if (birth != null && birth.isAfter(LocalDate.now())) {
			errors.add(new FieldError("birthDate", "validation.future"));
		}
		String phone = d.phone() == null || d.phone().isBlank() ? null : d.phone().trim().replace(" ", "");
		if (phone != null && !PHONE.matcher(phone).matches()) {
			errors.add(new FieldError("phone", "person.phone.format"));
		}
		Long region = regionOf(d.regionCode(), "regionCode", errors);
		if (d.gridId() != null) {
			Optional<Long> gridRegion = topology.gridRegion(d.gridId());
			if (gridRegion.isEmpty()) {
				errors.add(new FieldError("gridId", "grid.notFound"));
			}
			else if (region != null && !gridRegion.get().equals(region)) {
				errors.add(new FieldError("gridId", "person.grid.otherRegion"));
			}
		}
		if (d.unitId() != null && topology.unitRegion(d.unitId()).isEmpty()) {
			errors.add(new FieldError("unitId", "unit.notFound"));
		}
		if (errors.size() > before) {
			return Optional.empty();
		}
		return Optional.of(new Checked(name, gender, birth, phone, idNumber, idHash, Boolean.TRUE.equals(d.partyMember()),
				region, d.gridId(), d.unitId()));
	}

	private Long regionOf(String text, String field, List<FieldError> errors) {
		if (text == null || text.isBlank()) {
			errors.add(new FieldError(field, "validation.required"));
			return null;
		}
		if (!RegionCode.isValid(text)) {
			errors.add(new FieldError(field, "region.code.format"));
			return null;
		}
		long code = RegionCode.parse(text).value();
		if (regions.find(code).isEmpty()) {
			errors.add(new FieldError(field, "region.notFound"));
			return null;
		}
		return code;
	}

	String blindIndex(String idNumber) {
		return cipher.blindIndex(idNumber);
	}

	PersonRepository.Stored toStored(long id, Checked c, int version) {
		return new PersonRepository.Stored(id, c.name(), c.gender(), c.birthDate(), cipher.encrypt(c.phone()),
				Masking.phone(c.phone()), cipher.encrypt(c.idNumber()), c.idNumberHash(), Masking.idNumber(c.idNumber()),
				c.partyMember(), c.regionCode(), c.gridId(), c.unitId(), version);
	}

	static Map<String, Object> snapshot(Checked c) {
		return mapOf("name", c.name(), "gender", c.gender(), "birthDate", c.birthDate(), "phone", Masking.phone(c.phone()),
				"idNumber", Masking.idNumber(c.idNumber()), "partyMember", c.partyMember(), "regionCode", c.regionCode(),
				"gridId", c.gridId(), "unitId", c.unitId());
	}

	static Map<String, Object> snapshot(PersonRepository.Stored s) {
		return mapOf("name", s.name(), "gender", s.gender(), "birthDate", s.birthDate(), "phone", s.phoneMasked(),
				"idNumber", s.idNumberMasked(), "partyMember", s.partyMember(), "regionCode", s.regionCode(), "gridId",
				s.gridId(), "unitId", s.unitId());
	}

	/** A map that keeps nulls and order, for audit snapshots. */
	static Map<String, Object> mapOf(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			Object v = kv[i + 1];
			m.put((String) kv[i], v instanceof Enum<?> e ? e.name() : v instanceof LocalDate ld ? ld.toString() : v);
		}
		return m;
	}
}
