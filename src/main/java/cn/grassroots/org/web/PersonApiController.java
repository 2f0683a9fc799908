package cn.grassroots.org.web;

import java.time.LocalDate;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.org.Gender;
import cn.grassroots.org.Person;
import cn.grassroots.org.PersonDraft;
import cn.grassroots.org.PostType;
import cn.grassroots.org.internal.PersonRepository;
import cn.grassroots.org.internal.PersonService;
import cn.grassroots.platform.Ref;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The roster over JSON. Phones and ID numbers are masked; {@code /reveal} shows one record in full (audited). */
@RestController
@RequestMapping("/api/v1/people")
@Tag(name = "people", description = "人员 — the roster, filtered by the caller's data scope")
class PersonApiController {

	/** A person in API form: region codes as 12-digit strings, unit as {id, name}. */
	record PersonBody(long id, String name, Gender gender, LocalDate birthDate, String phone, String idNumber,
			boolean partyMember, String regionCode, String regionPath, Ref grid, Ref unit,
			java.util.List<PostBody> posts, int version) {

		static PersonBody of(Person p) {
			return new PersonBody(p.id(), p.name(), p.gender(), p.birthDate(), p.phone(), p.idNumber(), p.partyMember(),
					Long.toString(p.regionCode()), p.regionPath(), p.gridId() == null ? null : new Ref(p.gridId(), p.gridName()),
					p.unitId() == null ? null : new Ref(p.unitId(), p.unitName()),
					p.posts().stream().map(PostBody::of).toList(), p.version());
		}
	}


	record PostBody(long id, PostType post, String regionCode, Long gridId, Long unitId, LocalDate startDate,
			LocalDate endDate, boolean current) {

		static PostBody of(Person.Post p) {
			return new PostBody(p.id(), p.post(), Long.toString(p.regionCode()), p.gridId(), p.unitId(), p.startDate(),
					p.endDate(), p.current());
		}
	}

	/** Create or replace; {@code version} (optional) guards against overwriting someone else's change. */
	record PersonRequest(String name, Gender gender, LocalDate birthDate, String phone, String idNumber,
			Boolean partyMember, String regionCode, Long gridId, Long unitId, Integer version) {

		PersonDraft draft() {
			return new PersonDraft(name, gender, birthDate, phone, idNumber, partyMember, regionCode, gridId, unitId);
		}
	}

	record PostRequest(PostType post, String regionCode, Long gridId, Long unitId, LocalDate startDate, LocalDate endDate) {
	}

	private final PersonService people;

	PersonApiController(PersonService people) {
		this.people = people;
	}

	@GetMapping
	@Operation(summary = "People in the caller's scope, optionally under a region; a region outside the scope is 403")
	PageResult<PersonBody> list(@RequestParam(required = false) String region, @RequestParam(required = false) String name,
			@RequestParam(required = false) PostType post, @RequestParam(required = false) Boolean partyMember,
			@RequestParam(required = false) Long unit, @RequestParam(required = false) Long grid,
			@Parameter(description = "name (default), gender, birthDate, region, partyMember; a leading - for descending")
			@RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		SortOrder order = PersonRepository.SORT.parse(sort);
		Long regionCode = region == null || region.isBlank() ? null : RegionApiController.code(region);
		if (name != null && name.length() > 50) {
			throw InvalidInputException.of("name", "validation.tooLong");
		}
		var criteria = new PersonRepository.Criteria(regionCode, name, post, partyMember, unit, grid);
		return people.list(criteria, order, PageRequest.of(page, size)).map(PersonBody::of);
	}

	@GetMapping("/{id}")
	PersonBody get(@PathVariable long id) {
		return PersonBody.of(people.get(id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	PersonBody create(@RequestBody PersonRequest body) {
		return PersonBody.of(people.create(body.draft()));
	}

	@PutMapping("/{id}")
	PersonBody update(@PathVariable long id, @RequestBody PersonRequest body) {
		return PersonBody.of(people.update(id, body.draft(), body.version()));
	}

	@PostMapping("/{id}/reveal")
	@Operation(summary = "Phone and ID number in full, for one person; audited")
	PersonService.Revealed reveal(@PathVariable long id) {
		return people.reveal(id);
	}

	@PostMapping("/{id}/posts")
	@ResponseStatus(HttpStatus.CREATED)
	PersonBody addPost(@PathVariable long id, @RequestBody PostRequest body) {
		return PersonBody.of(people.addPost(id, body.post(), body.regionCode(), body.gridId(), body.unitId(),
				body.startDate(), body.endDate()));
	}
}
