package cn.grassroots.training.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.CourseType;
import cn.grassroots.training.internal.Delivery;
import cn.grassroots.training.internal.PlanService;
import cn.grassroots.training.internal.TopicCategory;
import io.swagger.v3.oas.annotations.tags.Tag;

/** One session of a classroom's current DRAFT plan version. */
@RestController
@RequestMapping("/api/v1/training/sessions")
@Tag(name = "training")
class SessionApiController {

	record SessionRequest(LocalDate date, LocalTime start, LocalTime end, BigDecimal hours, String title,
			CourseType courseType, Delivery delivery, TopicCategory topic, String lecturer, Long roomId, Long siteId) {

		PlanService.SessionDraft draft() {
			return new PlanService.SessionDraft(date, start, end, hours, title, courseType, delivery, topic, lecturer,
					roomId, siteId);
		}
	}

	private final PlanService plans;

	SessionApiController(PlanService plans) {
		this.plans = plans;
	}

	@PutMapping("/{id}")
	PlanApiController.SessionBody update(@PathVariable long id, @RequestBody SessionRequest body) {
		return PlanApiController.SessionBody.of(plans.updateSession(id, body.draft()));
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable long id) {
		plans.deleteSession(id);
	}
}
