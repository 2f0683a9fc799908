package cn.grassroots.platform.jobs;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.web.Htmx;
import cn.grassroots.platform.web.Sorting;

/** 后台任务: the user's own jobs, with progress that refreshes in place while a job runs. */
@Controller
class JobPageController {

	/** A job as the page shows it: translated, with the download link while the result file lasts. */
	public record JobRow(JobBody job, String downloadUrl, boolean resultExpired) {

		public boolean active() {
			return !job.state().finished();
		}

		public int percent() {
			return (int) Math.round(job.progress() * 100);
		}
	}

	private final JobService jobs;
	private final JobViews views;
	private final FileStore files;

	JobPageController(JobService jobs, JobViews views, FileStore files) {
		this.jobs = jobs;
		this.views = views;
		this.files = files;
	}

	@GetMapping("/jobs")
	String list(@RequestParam(required = false) String sort, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, Model model, HttpServletRequest request) {
		SortOrder order = Sorting.model(model, JobStore.SORT, sort);
		PageResult<JobRow> result = jobs.mine(order, PageRequest.of(page, size)).map(this::row);
		model.addAttribute("result", result);
		return Htmx.view(request, "jobs/list", "results");
	}

	@GetMapping("/jobs/{id}/row")
	String row(@PathVariable long id, Model model) {
		model.addAttribute("j", row(jobs.get(id)));
		return "jobs/list :: row";
	}

	@GetMapping("/jobs/{id}")
	String show(@PathVariable long id, Model model, HttpServletRequest request) {
		model.addAttribute("j", row(jobs.get(id)));
		return Htmx.view(request, "jobs/show", "status");
	}

	@PostMapping("/jobs/{id}/rerun")
	String rerun(@PathVariable long id) {
		return "redirect:/jobs/" + jobs.rerun(id).id();
	}

	private JobRow row(Job job) {
		String url = null;
		boolean expired = false;
		if (job.resultFileId() != null) {
			boolean available = files.find(job.resultFileId()).filter(f -> !f.expiredAt(Instant.now())).isPresent();
			url = available ? "/files/" + job.resultFileId() : null;
			expired = !available;
		}
		return new JobRow(views.body(job), url, expired);
	}
}
