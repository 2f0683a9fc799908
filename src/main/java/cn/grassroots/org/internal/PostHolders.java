package cn.grassroots.org.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.PostHolderDraft;
import cn.grassroots.org.PostType;
import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.audit.AuditLog;

/**
 * People added to the roster with their posts in one all-or-nothing step, for other modules
 * (through {@link cn.grassroots.org.OrgDirectory#addPostHolders}). Validation is the roster's own
 * ({@link PersonService#check}) plus the batch's: no ID number twice, the post's anchor present.
 */
@Service
class PostHolders {

	/** More would be an import, which has its own job and progress. */
	static final int MAX = 5000;

	private final PersonService personService;
	private final PersonRepository people;
	private final AuditLog audit;

	PostHolders(PersonService personService, PersonRepository people, AuditLog audit) {
		this.personService = personService;
		this.people = people;
		this.audit = audit;
	}

	@Transactional
	List<Long> add(List<PostHolderDraft> drafts) {
		if (drafts == null || drafts.isEmpty()) {
			throw InvalidInputException.of("people", "validation.required");
		}
		if (drafts.size() > MAX) {
			throw InvalidInputException.of("people", "validation.value");
		}
		List<FieldError> errors = new ArrayList<>();
		List<PersonService.Checked> checked = new ArrayList<>(drafts.size());
		Map<String, Integer> idNumbers = new HashMap<>();
		for (int i = 0; i < drafts.size(); i++) {
			PostHolderDraft d = drafts.get(i);
			String prefix = "people[" + i + "].";
			if (d == null || d.person() == null) {
				errors.add(new FieldError(prefix + "person", "validation.required"));
				checked.add(null);
				continue;
			}
			List<FieldError> own = new ArrayList<>();
			Optional<PersonService.Checked> c = personService.check(d.person(), null, own);
			own.forEach(e -> errors.add(new FieldError(prefix + e.field(), e.message())));
			if (d.post() == null) {
				errors.add(new FieldError(prefix + "post", "validation.required"));
			}
			else if (d.post().anchor() == PostType.Anchor.GRID && d.person().gridId() == null) {
				errors.add(new FieldError(prefix + "gridId", "validation.required"));
			}
			else if (d.post().anchor() == PostType.Anchor.UNIT && d.person().unitId() == null) {
				errors.add(new FieldError(prefix + "unitId", "validation.required"));
			}
			if (d.since() != null && d.since().isAfter(LocalDate.now())) {
				errors.add(new FieldError(prefix + "since", "validation.future"));
			}
			if (c.isPresent() && c.get().idNumberHash() != null
					&& idNumbers.putIfAbsent(c.get().idNumberHash(), i) != null) {
				errors.add(new FieldError(prefix + "idNumber", "person.idNumber.duplicate"));
			}
			checked.add(c.orElse(null));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		for (int i = 0; i < checked.size(); i++) {
			PersonService.Checked c = checked.get(i);
			try {
				personService.requireWritable(c.regionCode(), c.gridId(), c.unitId());
			}
			catch (ForbiddenException e) {
				throw new ForbiddenException("people[" + i + "] is outside your scope");
			}
		}
		List<Long> ids = new ArrayList<>(checked.size());
		for (int i = 0; i < checked.size(); i++) {
			PersonService.Checked c = checked.get(i);
			PostHolderDraft d = drafts.get(i);
			LocalDate since = d.since() == null ? LocalDate.now() : d.since();
			long id = people.insert(personService.toStored(0, c, 0));
			long postId = people.addPost(id, d.post(), c.regionCode(),
					d.post().anchor() == PostType.Anchor.GRID ? c.gridId() : null,
					d.post().anchor() == PostType.Anchor.UNIT ? c.unitId() : null, since, null);
			audit.action("PERSON_CREATE").target("person", id).region(c.regionCode()).after(PersonService.snapshot(c))
				.record();
			audit.action("POST_ASSIGN").target("person", id).region(c.regionCode())
				.after(PersonService.mapOf("postId", postId, "post", d.post().name(), "regionCode", c.regionCode(),
						"startDate", since))
				.record();
			ids.add(id);
		}
		return ids;
	}
}
