package cn.grassroots.training.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.CourseType;
import cn.grassroots.training.internal.EvaluationService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** 评教: trainees rate the sessions they attended; officers read the results per lecturer, course type and classroom. */
@RestController
@RequestMapping("/api/v1/training")
@Tag(name = "training")
class EvaluationApiController {

	record EvaluationRequest(Integer content, Integer method, Integer usefulness, Integer lecturer, String comment) {
	}

	record EvaluationBody(long id, long sessionId, Long lecturerId, CourseType courseType, int content, int method,
			int usefulness, int lecturer, String comment) {
	}

	record RatableSessionBody(long sessionId, long classroomId, LocalDate date, String title, CourseType courseType,
			String lecturer, boolean rated) {
	}

	record EvaluationResultBody(String key, String label, long ratings, BigDecimal content, BigDecimal method,
			BigDecimal usefulness, BigDecimal lecturer, BigDecimal overall) {
	}

	private final EvaluationService evaluations;

	EvaluationApiController(EvaluationService evaluations) {
		this.evaluations = evaluations;
	}

	@PostMapping("/sessions/{id}/evaluation")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Rate an attended session and its lecturer (scales 1–5, a comment); once per trainee and session")
	EvaluationBody rate(@PathVariable long id, @RequestBody EvaluationRequest body) {
		var e = evaluations.rate(id, new EvaluationService.Draft(body.content(), body.method(), body.usefulness(),
				body.lecturer(), body.comment()));
		return new EvaluationBody(e.id(), e.sessionId(), e.lecturerId(), e.courseType(), e.content(), e.method(),
				e.usefulness(), e.lecturer(), e.comment());
	}

	@GetMapping("/my/evaluations")
	@Operation(summary = "The caller's attended sessions and whether each is rated")
	List<RatableSessionBody> mine() {
		return evaluations.mine().stream()
			.map(r -> new RatableSessionBody(r.sessionId(), r.classroomId(), r.date(), r.title(), r.courseType(),
					r.lecturer(), r.rated()))
			.toList();
	}

	@GetMapping("/programmes/{id}/evaluations")
	@Operation(summary = "Mean ratings of the programme by LECTURER, COURSE_TYPE or CLASSROOM, over classrooms seen officially")
	List<EvaluationResultBody> results(@PathVariable long id,
			@RequestParam(defaultValue = "LECTURER") EvaluationService.By by) {
		return evaluations.results(id, by).stream()
			.map(r -> new EvaluationResultBody(r.key(), r.label(), r.ratings(), r.content(), r.method(), r.usefulness(),
					r.lecturer(), r.overall()))
			.toList();
	}
}
