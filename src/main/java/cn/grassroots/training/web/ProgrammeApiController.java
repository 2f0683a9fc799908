package cn.grassroots.training.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

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

import cn.grassroots.org.PostType;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.training.internal.CaseShareBasis;
import cn.grassroots.training.internal.ClassroomKind;
import cn.grassroots.training.internal.ClassroomRepository.Classroom;
import cn.grassroots.training.internal.ClassroomService;
import cn.grassroots.training.internal.DayOrder;
import cn.grassroots.training.internal.ProgrammeRepository;
import cn.grassroots.training.internal.ProgrammeRepository.Programme;
import cn.grassroots.training.internal.ProgrammeService;
import cn.grassroots.training.internal.TopicCategory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Training programmes and their classrooms over JSON. */
@RestController
@RequestMapping("/api/v1/training/programmes")
@Tag(name = "training", description = "培训 — programmes, classrooms, plans, enrolment, attendance, tests")
class ProgrammeApiController {

	record ProgrammeLine(long id, String name, int year, long classroomCount, long traineeCount) {
	}

	record SettingsBody(CaseShareBasis caseShareBasis, BigDecimal minCaseShare, DayOrder dayOrder, int liveDays,
			int sameTopicWindowDays, int summonsLimit, int lateAfterMinutes) {
	}

	record ProgrammeBody(long id, String name, int year, String sponsorName, String sponsorRegionCode,
			String sponsorLevel, LocalDate startDate, LocalDate endDate, BigDecimal requiredHours,
			List<String> targetPosts, List<TopicCategory> topics, SettingsBody settings, int version,
			boolean canManage) {

		static ProgrammeBody of(Programme p, boolean canManage) {
			var s = p.settings();
			return new ProgrammeBody(p.id(), p.name(), p.year(), p.sponsorName(), Long.toString(p.sponsorRegionCode()),
					p.sponsorLevel(), p.startDate(), p.endDate(), p.requiredHours(), p.targetPosts(), p.topics(),
					new SettingsBody(s.caseShareBasis(), s.minCaseShare(), s.dayOrder(), s.liveDays(),
							s.sameTopicWindowDays(), s.summonsLimit(), s.lateAfterMinutes()),
					p.version(), canManage);
		}
	}

	/** Create or replace; settings left out take their defaults; {@code version} guards against lost updates. */
	record ProgrammeRequest(String name, Integer year, String sponsorName, String sponsorRegionCode,
			LocalDate startDate, LocalDate endDate, BigDecimal requiredHours, List<PostType> targetPosts,
			List<TopicCategory> topics, CaseShareBasis caseShareBasis, BigDecimal minCaseShare, DayOrder dayOrder,
			Integer liveDays, Integer sameTopicWindowDays, Integer summonsLimit, Integer lateAfterMinutes,
			Integer version) {

		ProgrammeService.Draft draft() {
			return new ProgrammeService.Draft(name, year, sponsorName, sponsorRegionCode, startDate, endDate,
					requiredHours, targetPosts, topics, caseShareBasis, minCaseShare, dayOrder, liveDays,
					sameTopicWindowDays, summonsLimit, lateAfterMinutes);
		}
	}

	record ClassroomLine(long id, String name, ClassroomKind kind, String region) {

		static ClassroomLine of(Classroom c) {
			return new ClassroomLine(c.id(), c.name(), c.kind(), Long.toString(c.regionCode()));
		}
	}

	private final ProgrammeService programmes;
	private final ClassroomService classrooms;

	ProgrammeApiController(ProgrammeService programmes, ClassroomService classrooms) {
		this.programmes = programmes;
		this.classrooms = classrooms;
	}

	@GetMapping
	@Operation(summary = "Programmes visible to the caller: sponsored, or with a classroom or enrolment in scope, or assigned; counts are of the classrooms and confirmed trainees the caller sees")
	PageResult<ProgrammeLine> list(@RequestParam(required = false) Integer year,
			@Parameter(description = "-year (default), name, startDate; a leading - for descending")
			@RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		var order = ProgrammeRepository.SORT.parse(sort);
		return programmes.list(year, order, PageRequest.of(page, size))
			.map(s -> new ProgrammeLine(s.id(), s.name(), s.year(), s.classroomCount(), s.traineeCount()));
	}

	@GetMapping("/{id}")
	ProgrammeBody get(@PathVariable long id) {
		Programme p = programmes.get(id);
		return ProgrammeBody.of(p, programmes.canManage(p));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a programme; needs TRAINING_MANAGE over the sponsor's region")
	ProgrammeBody create(@RequestBody ProgrammeRequest body) {
		return ProgrammeBody.of(programmes.create(body.draft()), true);
	}

	@PutMapping("/{id}")
	ProgrammeBody update(@PathVariable long id, @RequestBody ProgrammeRequest body) {
		return ProgrammeBody.of(programmes.update(id, body.draft(), body.version()), true);
	}

	@GetMapping("/{id}/classrooms")
	@Operation(summary = "The programme's classrooms the caller may see: main first; region is the 12-digit code")
	List<ClassroomLine> classrooms(@PathVariable long id) {
		return classrooms.ofProgramme(id).stream().map(ClassroomLine::of).toList();
	}

	@PostMapping("/{id}/classrooms")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a classroom; at most one MAIN; its region must lie in the sponsor's region")
	ClassroomApiController.ClassroomBody addClassroom(@PathVariable long id,
			@RequestBody ClassroomApiController.ClassroomRequest body) {
		Classroom c = classrooms.create(id, body.draft());
		return ClassroomApiController.ClassroomBody.of(c, classrooms, true);
	}
}
