package cn.grassroots.training.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.training.internal.SeminarTopics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Survey findings offered as seminar topics (the module's own copy of surveys' events). */
@RestController
@Tag(name = "training")
class SeminarTopicApiController {

	record TopicBody(long findingId, long questionnaireId, String title, String region) {
	}

	private final SeminarTopics topics;

	SeminarTopicApiController(SeminarTopics topics) {
		this.topics = topics;
	}

	@GetMapping("/api/v1/training/seminar-topics")
	@Operation(summary = "Survey findings marked as seminar topics in the caller's region, newest first (at most 500)")
	List<TopicBody> list() {
		return topics.list().stream()
			.map(t -> new TopicBody(t.findingId(), t.questionnaireId(), t.title(), Long.toString(t.regionCode())))
			.toList();
	}
}
