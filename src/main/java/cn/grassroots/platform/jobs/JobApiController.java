package cn.grassroots.platform.jobs;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "jobs", description = "后台任务 — imports, exports and other long work; each user sees their own")
class JobApiController {

	private final JobService jobs;
	private final JobViews views;

	JobApiController(JobService jobs, JobViews views) {
		this.jobs = jobs;
		this.views = views;
	}

	@GetMapping
	@Operation(summary = "The caller's jobs, newest first unless sorted otherwise")
	PageResult<JobBody> mine(
			@Parameter(description = "createdAt, kind, state, progress, rows, errorCount; a leading - for descending (default -createdAt)")
			@RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		SortOrder order = JobStore.SORT.parse(sort);
		return jobs.mine(order, PageRequest.of(page, size)).map(views::body);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One of the caller's jobs: state, progress 0..1, rows, row errors (first 1,000), result URL")
	JobBody get(@PathVariable long id) {
		return views.body(jobs.get(id));
	}

	@PostMapping("/{id}/rerun")
	@Operation(summary = "Queues a new job with the kind and parameters of a finished one; 409 while it still runs")
	ResponseEntity<JobBody> rerun(@PathVariable long id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(views.body(jobs.rerun(id)));
	}
}
