package cn.grassroots.org.internal;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.grassroots.org.Gender;
import cn.grassroots.org.IdNumbers;
import cn.grassroots.org.PersonDraft;
import cn.grassroots.org.PostType;
import cn.grassroots.platform.InvalidInputException.FieldError;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.crypto.FieldCipher;
import cn.grassroots.platform.files.XlsxSheetReader;
import cn.grassroots.platform.jobs.JobError;
import cn.grassroots.platform.security.AccessScope;

/**
 * Validates a whole roster file without writing anything: the file and its header, then every row
 * through {@link PersonService#check(PersonDraft, Long, List)} plus the import's own rules
 * (duplicates inside the file, posts, the uploader's ROSTER_IMPORT scope for the row and for the
 * person it updates). A row whose ID number is already in the roster updates that person; any
 * other row creates one. Every problem is reported, with its row and column.
 */
@Component
class RosterValidator {

	/** The largest file accepted, in data rows. */
	static final int MAX_ROWS = 20_000;

	/** One good row, ready to be written. */
	record Plan(int row, Long personId, int version, PersonService.Checked person, List<PostType> posts,
			LocalDate postStart) {

		boolean create() {
			return personId == null;
		}
	}

	record Outcome(int rows, List<Plan> plans, List<JobError> errors) {

		boolean valid() {
			return errors.isEmpty();
		}

		int toCreate() {
			return (int) plans.stream().filter(Plan::create).count();
		}

		int toUpdate() {
			return plans.size() - toCreate();
		}
	}

	/** Where the validation is: fraction done and rows looked at. */
	@FunctionalInterface
	interface Progress {
		void at(double fraction, long rows);
	}

	private static final List<DateTimeFormatter> DATES = List.of(pattern("uuuu-M-d"), pattern("uuuu/M/d"),
			pattern("uuuu.M.d"), pattern("uuuuMMdd"), pattern("uuuu年M月d日"));

	private final PersonService personService;
	private final PersonRepository people;
	private final RosterImportRepository imports;
	private final FieldCipher cipher;
	private final Map<String, PostType> postsByName = new HashMap<>();
	private final Map<PostType, String> chineseNames = new HashMap<>();

	RosterValidator(PersonService personService, PersonRepository people, RosterImportRepository imports,
			FieldCipher cipher, MessageSource messages) {
		this.personService = personService;
		this.people = people;
		this.imports = imports;
		this.cipher = cipher;
		for (PostType p : PostType.values()) {
			postsByName.put(p.name(), p);
			chineseNames.put(p, messages.getMessage(p.messageKey(), null, p.name(), Locale.SIMPLIFIED_CHINESE));
			for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
				String name = messages.getMessage(p.messageKey(), null, null, locale);
				if (name != null) {
					postsByName.putIfAbsent(name.trim().toUpperCase(Locale.ROOT), p);
				}
			}
		}
	}

	private static DateTimeFormatter pattern(String p) {
		return DateTimeFormatter.ofPattern(p).withResolverStyle(ResolverStyle.STRICT);
	}

	Outcome validate(Path file, AccessScope scope, Progress progress) {
		List<XlsxSheetReader.Row> rows = new ArrayList<>();
		XlsxSheetReader.Row[] header = { null };
		boolean[] tooMany = { false };
		try {
			XlsxSheetReader.read(file, XlsxSheetReader.Limits.NONE, row -> {
				if (header[0] == null) {
					if (!row.blank()) {
						header[0] = row;
					}
					return true;
				}
				if (row.blank() || RosterTemplate.isExample(row)) {
					return true;
				}
				if (rows.size() >= MAX_ROWS) {
					tooMany[0] = true;
					return false;
				}
				rows.add(row);
				return true;
			});
		}
		catch (XlsxSheetReader.UnreadableException e) {
			String reason = e.problem() == XlsxSheetReader.Problem.XLS ? "import.file.xls" : "import.file.unreadable";
			return new Outcome(0, List.of(), List.of(JobError.of(0, "", reason)));
		}
		progress.at(0.05, 0);
		if (header[0] == null) {
			return new Outcome(0, List.of(), List.of(JobError.of(0, "", "import.file.noHeader")));
		}
		List<JobError> headerErrors = header(header[0]);
		if (!headerErrors.isEmpty()) {
			return new Outcome(rows.size(), List.of(), headerErrors);
		}
		if (tooMany[0]) {
			return new Outcome(rows.size(), List.of(), List.of(JobError.of(0, "", "import.file.tooManyRows", MAX_ROWS)));
		}
		if (rows.isEmpty()) {
			return new Outcome(0, List.of(), List.of(JobError.of(0, "", "import.file.noRows")));
		}
		return rows(rows, scope, progress);
	}

	/** Every template column in order, under its own header; extra columns with a header are refused too. */
	private static List<JobError> header(XlsxSheetReader.Row header) {
		List<JobError> errors = new ArrayList<>();
		for (RosterColumn c : RosterColumn.ALL) {
			String found = header.text(c.index());
			if (!RosterColumn.normalise(found).equals(RosterColumn.normalise(c.header()))) {
				errors.add(found.isBlank() ? JobError.of(header.number(), c.label(), "import.header.missing", c.header())
						: JobError.of(header.number(), c.label(), "import.header.mismatch", c.header(), found));
			}
		}
		header.cells().forEach((col, cell) -> {
			if (col >= RosterColumn.ALL.size() && !cell.text().isBlank()) {
				errors.add(JobError.of(header.number(), cell.text().trim(), "import.header.unexpected", cell.text().trim()));
			}
		});
		return errors;
	}

	private Outcome rows(List<XlsxSheetReader.Row> rows, AccessScope scope, Progress progress) {
		// ID numbers: who is already in the roster, and which appear twice in the file
		Map<Integer, String> hashOfRow = new HashMap<>();
		Map<String, Integer> firstRowOfHash = new HashMap<>();
		for (XlsxSheetReader.Row row : rows) {
			XlsxSheetReader.Cell cell = row.cell(RosterColumn.ID_NUMBER.index());
			Optional<String> id = IdNumbers.normalise(row.text(RosterColumn.ID_NUMBER.index()));
			if (cell != null && cell.kind() == XlsxSheetReader.Kind.TEXT && id.isPresent() && IdNumbers.isValid(id.get())) {
				String hash = personService.blindIndex(id.get());
				hashOfRow.put(row.number(), hash);
				firstRowOfHash.putIfAbsent(hash, row.number());
			}
		}
		Map<String, Long> existing = people.idsByIdNumberHashes(List.copyOf(firstRowOfHash.keySet()));
		Lookups lookups = new Lookups();
		List<Plan> plans = new ArrayList<>();
		List<JobError> errors = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			XlsxSheetReader.Row row = rows.get(i);
			String hash = hashOfRow.get(row.number());
			Integer first = hash == null ? null : firstRowOfHash.get(hash);
			Long matched = hash == null ? null : existing.get(hash);
			row(row, first != null && first != row.number() ? first : null, matched, scope, lookups, plans, errors);
			progress.at(0.05 + 0.95 * (i + 1) / rows.size(), i + 1);
		}
		return new Outcome(rows.size(), plans, errors);
	}

	/** Codes looked up once per file. */
	private final class Lookups {
		final Map<String, Optional<Long>> grids = new HashMap<>();
		final Map<String, Optional<Long>> units = new HashMap<>();

		Optional<Long> grid(String code) {
			return grids.computeIfAbsent(code, imports::gridIdByCode);
		}

		Optional<Long> unit(String code) {
			return units.computeIfAbsent(code, imports::unitIdByCode);
		}
	}

	private void row(XlsxSheetReader.Row row, Integer duplicateOf, Long matched, AccessScope scope, Lookups lookups,
			List<Plan> plans, List<JobError> allErrors) {
		List<JobError> errors = new ArrayList<>();
		int n = row.number();

		String name = row.text(RosterColumn.NAME.index());
		String idNumber = null;
		boolean idReported = false;
		XlsxSheetReader.Cell idCell = row.cell(RosterColumn.ID_NUMBER.index());
		if (idCell != null && idCell.kind() == XlsxSheetReader.Kind.NUMBER) {
			errors.add(error(n, RosterColumn.ID_NUMBER, "import.idNumber.notText"));
			idReported = true;
		}
		else {
			idNumber = IdNumbers.normalise(row.text(RosterColumn.ID_NUMBER.index())).orElse(null);
		}
		if (duplicateOf != null) {
			errors.add(error(n, RosterColumn.ID_NUMBER, "import.idNumber.duplicateInFile", duplicateOf));
			idReported = true;
		}
		PersonRepository.Stored stored = matched == null ? null : people.stored(matched).orElse(null);
		if (stored != null && !scope.permits(stored.regionCode(), stored.gridId(), stored.unitId(), null)) {
			errors.add(error(n, RosterColumn.ID_NUMBER, "import.person.outOfScope"));
			stored = null;
			matched = null;
			idReported = true;
		}

		Gender gender = null;
		String genderText = row.text(RosterColumn.GENDER.index());
		if (!genderText.isEmpty()) {
			gender = gender(genderText);
			if (gender == null) {
				errors.add(error(n, RosterColumn.GENDER, "import.gender.format"));
			}
		}
		LocalDate birth = date(row, RosterColumn.BIRTH_DATE, errors);
		String phone = blankToNull(row.text(RosterColumn.PHONE.index()));
		Boolean partyMember = null;
		String partyText = row.text(RosterColumn.PARTY_MEMBER.index());
		if (!partyText.isEmpty()) {
			partyMember = yesNo(partyText);
			if (partyMember == null) {
				errors.add(error(n, RosterColumn.PARTY_MEMBER, "import.partyMember.format"));
			}
		}
		String region = blankToNull(row.text(RosterColumn.REGION.index()));
		String gridCode = row.text(RosterColumn.GRID.index());
		Long gridId = null;
		if (!gridCode.isEmpty()) {
			gridId = lookups.grid(gridCode).orElse(null);
			if (gridId == null) {
				errors.add(error(n, RosterColumn.GRID, "grid.notFound"));
			}
		}
		String unitCode = row.text(RosterColumn.UNIT.index());
		Long unitId = null;
		if (!unitCode.isEmpty()) {
			unitId = lookups.unit(unitCode).orElse(null);
			if (unitId == null) {
				errors.add(error(n, RosterColumn.UNIT, "unit.notFound"));
			}
		}
		List<PostType> posts = posts(row, errors);
		LocalDate postStart = date(row, RosterColumn.POST_START, errors);

		// the ID number decides gender and birth date: a different value typed beside it is a mistake
		if (idNumber != null && !idReported && IdNumbers.isValid(idNumber)) {
			if (gender != null && gender != IdNumbers.gender(idNumber)) {
				errors.add(error(n, RosterColumn.GENDER, "import.gender.mismatch"));
			}
			if (birth != null && !birth.equals(IdNumbers.birthDate(idNumber))) {
				errors.add(error(n, RosterColumn.BIRTH_DATE, "import.birthDate.mismatch"));
			}
		}

		// an update keeps what the row leaves blank
		if (stored != null) {
			if (phone == null) {
				phone = cipher.decrypt(stored.phoneCipher());
			}
			if (partyMember == null) {
				partyMember = stored.partyMember();
			}
			if (gender == null) {
				gender = stored.gender();
			}
			if (birth == null) {
				birth = stored.birthDate();
			}
			if (gridCode.isEmpty() && region != null && RegionCode.isValid(region)
					&& RegionCode.parse(region).value() == stored.regionCode()) {
				gridId = stored.gridId();
			}
			if (unitCode.isEmpty()) {
				unitId = stored.unitId();
			}
		}

		List<FieldError> fieldErrors = new ArrayList<>();
		PersonDraft draft = new PersonDraft(name, gender, birth, phone, idReported ? null : idNumber, partyMember, region,
				gridId, unitId);
		Optional<PersonService.Checked> checked = personService.check(draft, matched, fieldErrors);
		for (FieldError fe : fieldErrors) {
			RosterColumn column = RosterColumn.ofField(fe.field());
			boolean alreadyReported = errors.stream().anyMatch(e -> e.column().equals(column.label()));
			if (!alreadyReported) {
				errors.add(error(n, column, fe.message()));
			}
		}
		if (checked.isPresent()) {
			PersonService.Checked c = checked.get();
			boolean inScope = scope.all() || scope.reachesRegion(c.regionCode())
					|| (c.gridId() != null && scope.gridIds().contains(c.gridId()))
					|| (c.unitId() != null && scope.unitIds().contains(c.unitId()));
			if (!inScope) {
				errors.add(error(n, RosterColumn.REGION, "import.row.outOfScope"));
			}
		}
		Long effectiveGrid = checked.map(PersonService.Checked::gridId).orElse(gridId);
		Long effectiveUnit = checked.map(PersonService.Checked::unitId).orElse(unitId);
		for (PostType post : posts) {
			if (post.anchor() == PostType.Anchor.GRID && effectiveGrid == null) {
				errors.add(error(n, RosterColumn.POSTS, "import.post.needsGrid", chineseNames.get(post)));
			}
			if (post.anchor() == PostType.Anchor.UNIT && effectiveUnit == null) {
				errors.add(error(n, RosterColumn.POSTS, "import.post.needsUnit", chineseNames.get(post)));
			}
		}
		if (errors.isEmpty() && checked.isPresent()) {
			plans.add(new Plan(n, matched, stored == null ? 0 : stored.version(), checked.get(), posts,
					postStart == null ? LocalDate.now() : postStart));
		}
		errors.sort(java.util.Comparator.comparingInt(e -> RosterColumn.indexOfLabel(e.column())));
		allErrors.addAll(errors);
	}

	private List<PostType> posts(XlsxSheetReader.Row row, List<JobError> errors) {
		String text = row.text(RosterColumn.POSTS.index());
		if (text.isEmpty()) {
			return List.of();
		}
		Set<PostType> posts = new LinkedHashSet<>();
		for (String token : text.split(RosterColumn.POST_SEPARATORS)) {
			String t = token.trim();
			if (t.isEmpty()) {
				continue;
			}
			PostType post = postsByName.get(t.toUpperCase(Locale.ROOT));
			if (post == null) {
				errors.add(error(row.number(), RosterColumn.POSTS, "import.post.unknown", t));
			}
			else {
				posts.add(post);
			}
		}
		return List.copyOf(posts);
	}

	private static LocalDate date(XlsxSheetReader.Row row, RosterColumn column, List<JobError> errors) {
		XlsxSheetReader.Cell cell = row.cell(column.index());
		String text = row.text(column.index());
		if (cell == null || text.isEmpty()) {
			return null;
		}
		LocalDate date = parseDate(text);
		if (date == null) {
			errors.add(error(row.number(), column, "import.date.format"));
		}
		return date;
	}

	static LocalDate parseDate(String text) {
		for (DateTimeFormatter f : DATES) {
			try {
				return LocalDate.parse(text.trim(), f);
			}
			catch (DateTimeParseException e) {
				// try the next form
			}
		}
		return null;
	}

	static Gender gender(String text) {
		return switch (text.trim().toUpperCase(Locale.ROOT)) {
			case "男", "男性", "M", "MALE" -> Gender.MALE;
			case "女", "女性", "F", "FEMALE" -> Gender.FEMALE;
			default -> null;
		};
	}

	static Boolean yesNo(String text) {
		return switch (text.trim().toUpperCase(Locale.ROOT)) {
			case "是", "Y", "YES", "TRUE", "1", "党员" -> Boolean.TRUE;
			case "否", "N", "NO", "FALSE", "0", "非党员" -> Boolean.FALSE;
			default -> null;
		};
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

	private static JobError error(int row, RosterColumn column, String key, Object... args) {
		return JobError.of(row, column.label(), key, args);
	}
}
